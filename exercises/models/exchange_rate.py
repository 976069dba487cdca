"""The exchange-rate model: coffee sold in US$, members paid in kip.

The order of events:

1. **Contract day.** The co-op agrees a sale: its green coffee at a price in US$ per lb. At that
   day's rate it expects ``US$ × kip per US$`` kip, and it works out the final payment it can expect.
2. **Harvest.** It pays members an **advance** in kip for each kg of cherry and pays its **costs** in
   kip. These do not change when the rate changes.
3. **Payment day.** Months later the buyer pays the US$. The bank changes them into kip at the rate
   of *that* day, or at a **fixed rate** agreed on the contract day (a forward contract).
4. **Final payment.** What is left after advances and costs is shared by kg of cherry. If the co-op
   received fewer kip than it expected, its **exchange-rate reserve** tops the final payment up to
   what was expected, as far as the reserve goes. If it received more, members get the extra.

Because advances and costs are fixed in kip, every kip won or lost on the rate lands on the final
payment: a small change in the rate makes a big change in the final payment.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from exercises.core.money import LB_PER_KG, allocate, round_kip

PROTECTIONS = ("none", "fixed")


@dataclass(frozen=True)
class Sale:
    """The contract, the co-op's kip payments and its protection against a moving rate."""

    price_usd_lb: Fraction  # US$ per lb of green coffee, agreed on the contract day
    cherry_per_green: Fraction  # kg of cherry for 1 kg of green coffee
    advance: int  # kip per kg of cherry
    costs: int  # kip per kg of cherry (processing, transport, export, staff, interest)
    rate_contract: int  # kip per US$ on the contract day
    rate_payment: int  # kip per US$ on the day the buyer pays
    protection: str  # "none" (rate of the payment day) or "fixed" (the fixed rate below)
    fixed_rate: int  # kip per US$ agreed on the contract day for the payment day
    reserve: int  # kip the co-op keeps to cover a fall in what it receives


@dataclass(frozen=True)
class AtRate:
    """The pool if the US$ are changed into kip at one rate (before the reserve)."""

    rate: int
    kip: int  # kip received for the sale
    pool: int  # kip − advances − costs: what is left for final payments

    def per_kg(self, cherry_kg: int) -> Fraction | None:
        return Fraction(self.pool, cherry_kg) if cherry_kg else None


@dataclass(frozen=True)
class MemberResult:
    name: str
    cherry_kg: int
    advance: int
    expected_final: int  # at the contract-day rate
    final: int  # what is paid

    @property
    def change(self) -> int:
        return self.final - self.expected_final


@dataclass(frozen=True)
class Result:
    """The season's money in kip, and what each member gets."""

    sale: Sale
    cherry_kg: int
    green_kg: Fraction
    usd: Fraction  # the sale in US$
    expected: AtRate  # at the contract-day rate
    received: AtRate  # at the rate actually used
    advances: int
    costs: int
    reserve_used: int
    members: dict[str, MemberResult]

    @property
    def rate_used(self) -> int:
        return self.received.rate

    @property
    def gap(self) -> int:
        """Kip expected minus kip received (above 0: the co-op received less than it expected)."""
        return self.expected.kip - self.received.kip

    @property
    def reserve_left(self) -> int:
        return self.sale.reserve - self.reserve_used

    @property
    def finals(self) -> int:
        return sum(m.final for m in self.members.values())

    @property
    def final_per_kg(self) -> Fraction | None:
        return Fraction(self.finals, self.cherry_kg) if self.cherry_kg else None

    @property
    def expected_per_kg(self) -> Fraction | None:
        return self.expected.per_kg(self.cherry_kg)

    def at(self, rate: int) -> AtRate:
        """The same sale at another rate (to compare years or scenarios)."""
        return at_rate(self.usd, rate, self.advances + self.costs)

    def with_reserve(self, at: AtRate) -> int:
        """The final payments at that rate, after the reserve has done what it can."""
        return at.pool + reserve_needed(self.expected.pool, at.pool, self.sale.reserve)

    def balance(self) -> int:
        """Kip received + reserve at the start − (advances + costs + finals + reserve left). Always 0."""
        return self.received.kip + self.sale.reserve - (self.advances + self.costs + self.finals + self.reserve_left)


def at_rate(usd: Fraction, rate: int, paid_in_kip: int) -> AtRate:
    """Change ``usd`` into kip at ``rate`` (rounded once) and take off what was paid in kip."""
    kip = round_kip(usd * rate)
    return AtRate(rate, kip, kip - paid_in_kip)


def reserve_needed(expected_pool: int, pool: int, reserve: int) -> int:
    """What the reserve adds: the missing kip, up to what is in the reserve (nothing when there is a gain)."""
    return min(reserve, max(0, expected_pool - pool))


def settle(deliveries: dict[str, int], sale: Sale) -> Result:
    """From the contract to each member's final payment."""
    if sale.protection not in PROTECTIONS:
        raise ValueError(f"unknown protection {sale.protection!r}")
    if any(kg < 0 for kg in deliveries.values()):
        raise ValueError("kilos cannot be below 0")
    if sale.cherry_per_green <= 0:
        raise ValueError("the cherry for 1 kg of green coffee must be above 0")
    cherry_kg = sum(deliveries.values())
    green_kg = Fraction(cherry_kg) / sale.cherry_per_green
    usd = green_kg * LB_PER_KG * sale.price_usd_lb
    advances = sale.advance * cherry_kg
    costs = sale.costs * cherry_kg
    expected = at_rate(usd, sale.rate_contract, advances + costs)
    rate = sale.fixed_rate if sale.protection == "fixed" else sale.rate_payment
    received = at_rate(usd, rate, advances + costs)
    # The reserve tops the pool up to what was expected, as far as it goes.
    reserve_used = reserve_needed(expected.pool, received.pool, sale.reserve)
    pool = received.pool + reserve_used
    # Shared by kg of cherry. (With no cherry there is no sale, and every amount above is 0.)
    finals = allocate(pool, deliveries)
    expected_finals = allocate(expected.pool, deliveries)
    members = {
        name: MemberResult(name, kg, sale.advance * kg, expected_finals[name], finals[name])
        for name, kg in deliveries.items()
    }
    return Result(sale, cherry_kg, green_kg, usd, expected, received, advances, costs, reserve_used, members)
