//! The DMC token: symbol, decimals and units, used by the runtime, the chain specs' properties
//! and the client alike.

use crate::Balance;

/// The token's symbol (chain-spec property `tokenSymbol`).
pub const SYMBOL: &str = "DMC";

/// The token's decimals (chain-spec property `tokenDecimals`).
pub const DECIMALS: u8 = 12;

/// One DMC in the smallest unit.
pub const UNIT: Balance = 1_000_000_000_000;

/// A thousandth of a DMC.
pub const MILLI_UNIT: Balance = UNIT / 1_000;

/// A millionth of a DMC.
pub const MICRO_UNIT: Balance = UNIT / 1_000_000;

/// The least balance an account must hold to exist.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// What benchmark set-up gives each account it funds: far more than any deposit or fee, and
/// small enough that many funded accounts never overflow the total issuance (which would make
/// `set_balance` give nothing).
#[cfg(feature = "runtime-benchmarks")]
pub const BENCHMARK_FUNDS: Balance = 1_000_000_000 * UNIT;
