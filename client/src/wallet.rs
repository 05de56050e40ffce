//! Moving DMC between accounts: how a new device or owner account gets the funds its deposits
//! and fees need. Amounts are in the chain's smallest unit (10^-12 DMC); [`parse_dmc`] reads
//! them as people write them.

use crate::{
	connection::Chain,
	error::{Error, Result},
	keys::{AccountId, Keypair},
	runtime::api,
	transaction::{Receipt, SignedActor, WaitFor},
};

/// The decimals of DMC: 1 DMC is 10^12 of the smallest unit.
pub const DECIMALS: u32 = 12;

/// An account that pays.
#[derive(Clone)]
pub struct Wallet {
	actor: SignedActor,
}

impl Wallet {
	/// Pays from `signer`'s account through `chain`, waiting for finality.
	pub fn new(chain: Chain, signer: Keypair) -> Self {
		Self { actor: SignedActor::new(chain, signer) }
	}

	/// The same wallet, waiting for `wait` on each transfer.
	pub fn waiting_for(self, wait: WaitFor) -> Self {
		Self { actor: self.actor.waiting_for(wait) }
	}

	/// Transfers `amount` (smallest unit) to `to`, keeping the signer's account alive.
	pub async fn transfer(&self, to: &AccountId, amount: u128) -> Result<Receipt> {
		let call = api::tx().balances().transfer_keep_alive(to.clone().into(), amount);
		self.actor.submit_expecting::<api::balances::events::Transfer, _>(&call).await
	}
}

/// Reads an amount of DMC written as people write it (`1`, `0.5`, `12.000001`) into the
/// smallest unit; at most 12 decimals.
pub fn parse_dmc(text: &str) -> Result<u128> {
	let bad = || Error::Input(format!("`{text}` is not an amount of DMC (like 1 or 0.25)"));
	let (whole, fraction) = text.trim().split_once('.').unwrap_or((text.trim(), ""));
	if whole.is_empty() && fraction.is_empty()
		|| !whole.chars().chain(fraction.chars()).all(|c| c.is_ascii_digit())
		|| fraction.len() > DECIMALS as usize
	{
		return Err(bad());
	}
	let whole: u128 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| bad())? };
	let scale = 10u128.pow(DECIMALS - fraction.len() as u32);
	let fraction: u128 =
		if fraction.is_empty() { 0 } else { fraction.parse().map_err(|_| bad())? };
	whole
		.checked_mul(10u128.pow(DECIMALS))
		.and_then(|w| w.checked_add(fraction * scale))
		.ok_or_else(bad)
}

#[cfg(test)]
mod tests {
	use super::parse_dmc;

	#[test]
	fn amounts_read_as_written() {
		assert_eq!(parse_dmc("1").unwrap(), 1_000_000_000_000);
		assert_eq!(parse_dmc("0.25").unwrap(), 250_000_000_000);
		assert_eq!(parse_dmc(".5").unwrap(), 500_000_000_000);
		assert_eq!(parse_dmc("12.000000000001").unwrap(), 12_000_000_000_001);
		for bad in ["", ".", "1.2.3", "-1", "1e3", "0.0000000000001", "abc"] {
			assert!(parse_dmc(bad).is_err(), "{bad}");
		}
		assert!(parse_dmc(&u128::MAX.to_string()).is_err(), "overflow is an error");
	}
}
