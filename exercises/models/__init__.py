"""The co-op models: pure, typed, documented Python that a teacher can read and a learner can edit."""
