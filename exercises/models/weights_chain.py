"""Weights along the coffee chain: cherry → parchment → green coffee, a container, and what it is worth.

The chain, step by step
-----------------------
1. Members pick ripe CHERRY. At the wet mill it is pulped, fermented, washed and dried. What is
   left is PARCHMENT: about 5 kg of cherry give 1 kg of parchment. The rest (pulp, skin, water)
   is lost at the wet mill.
2. At the dry mill the parchment skin is taken off (hulling). About 1.25 kg of parchment give
   1 kg of GREEN coffee.
3. For export quality the green coffee is sorted: broken, black and small beans are taken out
   (they are sold locally at a lower price, which this model leaves out). The SORTING LOSS is the
   share of the green coffee taken out; what stays is GREEN COFFEE FOR EXPORT.
4. Green coffee is shipped in a 20-ft CONTAINER: a number of bags of a given weight.

From the ratios the model works out how much cherry one container needs, and how many member
families, hectares and days of picking that cherry is. With prices per kg at each stage (a low
and a high price), it shows what the same coffee is worth as cherry, as parchment and as green
coffee, and what each stage makes one kg of cherry worth.

Weights are whole kg, the way a scale shows them: the weight at each stage is rounded once (halves
up), and the kg lost at each step is the difference between two stages, so nothing appears or
disappears and more cherry never gives less coffee:

    cherry = wet-mill loss + hulling loss + sorted out + green for export      (exactly, to the kg)

Values are whole kip: kg × price, both whole numbers, so there is nothing to round.

Try changing this file in the code editor: for example give the sorted-out beans a value, or add
a roasting step (about 0.84 kg of roasted coffee from 1 kg of green), and watch the tables change.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

STAGES = ("cherry", "parchment", "green")


@dataclass(frozen=True)
class Ratios:
    """How the weight shrinks from one stage to the next."""

    cherry_per_parchment: Fraction  # kg of cherry for 1 kg of parchment (about 5)
    parchment_per_green: Fraction  # kg of parchment for 1 kg of hulled green coffee (about 1.25)
    sorting_loss: Fraction  # share of the hulled green coffee sorted out for export quality (0 to below 1)

    def cherry_per_export_green(self) -> Fraction:
        """kg of cherry for 1 kg of green coffee for export."""
        return self.cherry_per_parchment * self.parchment_per_green / (1 - self.sorting_loss)

    def cherry_per_kg_of(self, stage: str) -> Fraction:
        """kg of cherry behind 1 kg of coffee at ``stage`` (for green: green coffee for export)."""
        if stage == "cherry":
            return Fraction(1)
        if stage == "parchment":
            return self.cherry_per_parchment
        if stage == "green":
            return self.cherry_per_export_green()
        raise ValueError(f"unknown stage {stage!r}")


@dataclass(frozen=True)
class Capacity:
    """What members, land and pickers give in one season."""

    cherry_per_member: int  # kg of cherry one member family brings in a season
    cherry_per_ha: int  # kg of cherry from one hectare in a season
    picker_kg_per_day: int  # kg of cherry one person picks in a day


@dataclass(frozen=True)
class Price:
    """The price of 1 kg at one stage, low and high (kip per kg)."""

    stage: str  # "cherry", "parchment" or "green" (green coffee for export)
    low: int
    high: int


@dataclass(frozen=True)
class Lot:
    """One lot of cherry followed through the chain, in whole kg."""

    cherry: int
    parchment: int
    green: int  # green coffee after hulling, before sorting
    export_green: int  # green coffee for export, after sorting

    @property
    def wet_mill_loss(self) -> int:
        """Pulp, skin and water removed at the wet mill."""
        return self.cherry - self.parchment

    @property
    def hulling_loss(self) -> int:
        """Parchment skin removed at the dry mill."""
        return self.parchment - self.green

    @property
    def sorted_out(self) -> int:
        """Green beans taken out for export quality."""
        return self.green - self.export_green

    def kg_at(self, stage: str) -> int:
        return {"cherry": self.cherry, "parchment": self.parchment, "green": self.export_green}[stage]

    def balance(self) -> int:
        """Cherry minus everything it became. Always 0: no kg appears or vanishes."""
        return self.cherry - (self.wet_mill_loss + self.hulling_loss + self.sorted_out + self.export_green)


@dataclass(frozen=True)
class People:
    """How many member families, hectares and picker-days a quantity of cherry stands for."""

    families: Fraction
    hectares: Fraction
    picker_days: Fraction


@dataclass(frozen=True)
class StageValue:
    """What the coffee of one lot is worth at one stage."""

    stage: str
    kg: int
    price: Price
    value_low: int
    value_high: int
    per_cherry_low: Fraction  # kip per kg of cherry that went into it
    per_cherry_high: Fraction


@dataclass(frozen=True)
class ChainResult:
    """The group's cherry, one full container, and the value at each stage."""

    ratios: Ratios
    lot: Lot  # the group's cherry
    lot_people: People
    container_green_kg: int  # green coffee for export in one container
    container_cherry_exact: Fraction  # kg of cherry for exactly one container
    container: Lot  # one container, from the whole kg of cherry it needs (rounded up)
    container_people: People
    containers: Fraction  # how many containers the group's cherry fills
    values: list[StageValue]


def follow(cherry_kg: int, ratios: Ratios) -> Lot:
    """Follow ``cherry_kg`` of cherry through the chain, in whole kg."""
    if cherry_kg < 0:
        raise ValueError("cherry cannot weigh less than 0 kg")
    if not 0 <= ratios.sorting_loss < 1:
        raise ValueError("the sorting loss must be at least 0 and below 100%")
    if ratios.cherry_per_parchment < 1 or ratios.parchment_per_green < 1:
        raise ValueError("each ratio must be at least 1 (coffee cannot gain weight)")
    parchment = Fraction(cherry_kg) / ratios.cherry_per_parchment
    green = parchment / ratios.parchment_per_green
    export_green = green * (1 - ratios.sorting_loss)
    return Lot(cherry_kg, whole_kg(parchment), whole_kg(green), whole_kg(export_green))


def whole_kg(amount: Fraction) -> int:
    """Round to a whole kg, halves up (the way a scale shows a weight)."""
    return (2 * amount.numerator + amount.denominator) // (2 * amount.denominator)


def people_for(cherry_kg: int | Fraction, capacity: Capacity) -> People:
    """How many families, hectares and days of picking ``cherry_kg`` of cherry stands for."""
    cherry = Fraction(cherry_kg)
    return People(
        families=cherry / capacity.cherry_per_member,
        hectares=cherry / capacity.cherry_per_ha,
        picker_days=cherry / capacity.picker_kg_per_day,
    )


def ceil_kg(amount: Fraction) -> int:
    """Round up to a whole kg (to fill a container you need at least this much)."""
    return -((-amount.numerator) // amount.denominator)


def chain(
    cherry_kg: int, ratios: Ratios, bags: int, bag_kg: int, capacity: Capacity, prices: list[Price]
) -> ChainResult:
    """Work out the whole chain for the group's cherry and for one full container."""
    if bags <= 0 or bag_kg <= 0:
        raise ValueError("a container holds at least one bag of at least 1 kg")
    lot = follow(cherry_kg, ratios)
    container_green = bags * bag_kg
    container_cherry = container_green * ratios.cherry_per_export_green()
    container = follow(ceil_kg(container_cherry), ratios)

    values = []
    for price in prices:
        if price.stage not in STAGES:
            raise ValueError(f"unknown stage {price.stage!r}")
        kg = lot.kg_at(price.stage)
        behind = ratios.cherry_per_kg_of(price.stage)  # kg of cherry in 1 kg of this stage
        values.append(
            StageValue(
                price.stage,
                kg,
                price,
                kg * price.low,
                kg * price.high,
                Fraction(price.low) / behind,
                Fraction(price.high) / behind,
            )
        )
    values.sort(key=lambda v: STAGES.index(v.stage))

    return ChainResult(
        ratios=ratios,
        lot=lot,
        lot_people=people_for(cherry_kg, capacity),
        container_green_kg=container_green,
        container_cherry_exact=container_cherry,
        container=container,
        container_people=people_for(container_cherry, capacity),
        containers=Fraction(lot.export_green, container_green),
        values=values,
    )
