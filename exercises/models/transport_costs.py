"""Sharing the truck bill between villages: per kg, per trip, by distance, or each its own trips.

The situation
-------------
A hired truck takes the co-op's coffee from each village (or collection point) to the buyer. It
carries at most ``capacity_kg`` a trip. Each trip costs a fixed amount (loading, the driver's day)
plus an amount for every km between the village and the buyer (fuel and wear, the way back
included). A village far from the road therefore has dearer trips.

The truck is loaded village by village, so each village needs

    trips = its kg carried ÷ capacity, rounded UP     (a half-full truck still costs a whole trip)

and the TRUCK BILL is the cost of all those trips. Who pays how much of it? Four rules:

* ``own``      — each village pays for its own trips (what its coffee really cost to carry);
* ``per_kg``   — one price per kg for every village (the bill ÷ all the kg);
* ``per_trip`` — one price per trip: each village pays for the trips it needs, all at the same
  average price, whatever its distance;
* ``distance`` — in proportion to kg × km: the farther and the heavier, the more a village pays.

A MIX is also possible: a part of the bill (``rule_share``) is shared by the chosen rule and the
rest by one price per kg, for example "one price for all, plus a little extra for the worst road".

The weight in the table is always parchment. If members send fresh cherry instead, the truck
carries ``weight_factor`` kg (about 5) for every kg of parchment, so it needs about five times the
trips; the shares are still worked out per kg of parchment.

Money is always a whole number of kip. Every share is made with ``allocate``, so the villages'
shares add up to the truck bill exactly:

    truck bill = what all the villages pay               (to the kip)

Try changing this file in the code editor: for example let trucks take coffee from two villages on
one trip, or add a fixed fee per village, and watch the tables change.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from exercises.core.money import allocate, round_kip

#: The ways of sharing the bill, in the order the tables show them.
RULES = ("own", "per_kg", "per_trip", "distance")


@dataclass(frozen=True)
class Village:
    """A village or collection point: its coffee and its distance to the buyer."""

    name: str
    kg: int  # kg of parchment to carry this season
    km: int  # km from the village to the buyer


@dataclass(frozen=True)
class Truck:
    """The hired truck and what it costs."""

    capacity_kg: int  # kg it can carry in one trip
    cost_per_trip: int  # kip for every trip, whatever the distance
    cost_per_km: int  # kip for every km between village and buyer, the way back included


@dataclass(frozen=True)
class VillageResult:
    """One village's trips, what they cost, and what it pays under each rule."""

    name: str
    kg: int
    km: int
    carried_kg: Fraction  # kg on the truck (more than ``kg`` when cherry is carried)
    trips: int
    trip_cost: int  # kip for one of its trips
    by_rule: dict[str, int]  # what it would pay under each pure rule
    pays: int  # what it pays under the chosen rule (or mix)

    @property
    def own_cost(self) -> int:
        """What its own trips cost."""
        return self.trips * self.trip_cost


@dataclass(frozen=True)
class TransportResult:
    """The whole season: every village, the bill, and what each pays."""

    villages: dict[str, VillageResult]
    truck: Truck
    rule: str
    rule_share: Fraction
    fallback: bool  # True when the distance rule could not be used (every km is 0) and kg was used

    @property
    def bill(self) -> int:
        return sum(v.own_cost for v in self.villages.values())

    @property
    def trips(self) -> int:
        return sum(v.trips for v in self.villages.values())

    @property
    def total_kg(self) -> int:
        return sum(v.kg for v in self.villages.values())

    @property
    def paid(self) -> int:
        return sum(v.pays for v in self.villages.values())

    def last_load(self, name: str) -> Fraction:
        """kg on the last trip from village ``name`` (less than the capacity when it is not full)."""
        v = self.villages[name]
        if v.trips == 0:
            return Fraction(0)
        return v.carried_kg - (v.trips - 1) * self.truck.capacity_kg

    def balance(self) -> int:
        """The truck bill minus what the villages pay. Always 0: no kip appears or vanishes."""
        return self.bill - self.paid


def trips_needed(carried_kg: Fraction, capacity_kg: int) -> int:
    """Whole trips needed to carry ``carried_kg``: rounded up, because a part load is a whole trip."""
    if carried_kg <= 0:
        return 0
    return math.ceil(Fraction(carried_kg) / capacity_kg)


def share_costs(
    villages: list[Village],
    truck: Truck,
    rule: str = "own",
    rule_share: Fraction = Fraction(1),
    weight_factor: Fraction = Fraction(1),
) -> TransportResult:
    """Work out each village's trips, the truck bill, and what each village pays.

    ``rule`` is one of ``RULES``; ``rule_share`` (0 to 1) is the part of the bill shared by that
    rule, the rest is shared by one price per kg. ``weight_factor`` is the kg the truck carries for
    every kg in the table (1 for parchment, about 5 for fresh cherry).
    """
    names = [v.name for v in villages]
    if len(set(names)) != len(names):
        raise ValueError("each village can appear only once")
    if truck.capacity_kg <= 0:
        raise ValueError("the truck must carry more than 0 kg")
    if truck.cost_per_trip < 0 or truck.cost_per_km < 0:
        raise ValueError("truck costs cannot be less than 0")
    if any(v.kg < 0 or v.km < 0 for v in villages):
        raise ValueError("kg and km cannot be less than 0")
    if rule not in RULES:
        raise ValueError(f"unknown rule {rule!r}; use one of {RULES}")
    if not 0 <= rule_share <= 1:
        raise ValueError("the part shared by the rule must be between 0 and 100%")
    if weight_factor <= 0:
        raise ValueError("the weight factor must be more than 0")

    # 1. Trips and their cost, village by village.
    trips: dict[str, int] = {}
    trip_cost: dict[str, int] = {}
    carried: dict[str, Fraction] = {}
    for v in villages:
        carried[v.name] = v.kg * Fraction(weight_factor)
        trips[v.name] = trips_needed(carried[v.name], truck.capacity_kg)
        trip_cost[v.name] = truck.cost_per_trip + truck.cost_per_km * v.km
    own = {v.name: trips[v.name] * trip_cost[v.name] for v in villages}
    bill = sum(own.values())

    # 2. What each rule shares the bill by.
    weights: dict[str, dict[str, int]] = {
        "own": own,
        "per_kg": {v.name: v.kg for v in villages},
        "per_trip": trips,
        "distance": {v.name: v.kg * v.km for v in villages},
    }
    fallback = bill > 0 and sum(weights["distance"].values()) == 0
    if fallback:  # every village with coffee is 0 km away: share by kg instead
        weights["distance"] = weights["per_kg"]
    by_rule = {r: allocate(bill, weights[r]) for r in RULES}

    # 3. The chosen rule for its part of the bill; the rest one price per kg.
    rule_part = round_kip(bill * rule_share)
    by_chosen = allocate(rule_part, weights[rule])
    by_kg = allocate(bill - rule_part, weights["per_kg"])

    results = {
        v.name: VillageResult(
            v.name,
            v.kg,
            v.km,
            carried[v.name],
            trips[v.name],
            trip_cost[v.name],
            {r: by_rule[r][v.name] for r in RULES},
            by_chosen[v.name] + by_kg[v.name],
        )
        for v in villages
    }
    return TransportResult(results, truck, rule, Fraction(rule_share), fallback)
