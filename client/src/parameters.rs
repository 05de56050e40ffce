//! Data-management parameters and the configuration history as the client reads and writes
//! them (CTL-2, CTL-4, REP-4). On the command line a parameter is `NAME=VALUE`:
//! `max-clock-skew=60000` (ms), `rate-limit=100/10` (records per blocks),
//! `max-metadata-bytes=2048`, `default-retention=permanent` or `default-retention=365` (days).

use crate::{
	error::{Error, Result},
	runtime::api::runtime_types::dmchain_primitives::parameters as chain,
};
use serde::Serialize;
use std::{fmt, str::FromStr};

/// How many records a source may anchor per window of blocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RateLimit {
	/// The most records per window.
	pub records: u32,
	/// The window, in blocks.
	pub window: u32,
}

/// How long a source's owner keeps its payloads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Retention {
	/// For ever.
	Permanent,
	/// This many days.
	Days(u32),
}

impl fmt::Display for Retention {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::Permanent => f.write_str("permanent"),
			Self::Days(days) => write!(f, "{days} days"),
		}
	}
}

/// The parameters the registry applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Parameters {
	/// How far, in ms, a device time-stamp may lie ahead of chain time.
	pub max_clock_skew: u64,
	/// Records per window of blocks, per source.
	pub rate_limit: RateLimit,
	/// The largest metadata of a record (bytes of keys and text or bytes values).
	pub max_metadata_bytes: u32,
	/// The retention class new sources get.
	pub default_retention: Retention,
}

/// One parameter with a value: what an operator sets, and each side of a history entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "parameter", content = "value", rename_all = "kebab-case")]
pub enum ParameterValue {
	/// `max-clock-skew`, in ms.
	MaxClockSkew(u64),
	/// `rate-limit`, records per blocks.
	RateLimit(RateLimit),
	/// `max-metadata-bytes`.
	MaxMetadataBytes(u32),
	/// `default-retention`.
	DefaultRetention(Retention),
}

impl ParameterValue {
	/// The parameter names `NAME=VALUE` accepts.
	pub const NAMES: [&'static str; 4] =
		["max-clock-skew", "rate-limit", "max-metadata-bytes", "default-retention"];
}

impl FromStr for ParameterValue {
	type Err = Error;

	fn from_str(text: &str) -> Result<Self> {
		let (name, value) = text
			.split_once('=')
			.ok_or_else(|| Error::Input(format!("`{text}` is not NAME=VALUE")))?;
		let number = |what: &str| {
			value
				.trim()
				.parse::<u64>()
				.map_err(|_| Error::Input(format!("`{value}` is not {what}")))
		};
		let small =
			|n: u64| u32::try_from(n).map_err(|_| Error::Input(format!("`{value}` is too large")));
		Ok(match name.trim() {
			"max-clock-skew" => Self::MaxClockSkew(number("a number of milliseconds")?),
			"rate-limit" => {
				let (records, window) = value.split_once('/').ok_or_else(|| {
					Error::Input(format!("`{value}` is not RECORDS/BLOCKS, for example 100/10"))
				})?;
				let part = |p: &str| {
					p.trim()
						.parse::<u32>()
						.map_err(|_| Error::Input(format!("`{p}` is not a whole number")))
				};
				Self::RateLimit(RateLimit { records: part(records)?, window: part(window)? })
			},
			"max-metadata-bytes" => Self::MaxMetadataBytes(small(number("a number of bytes")?)?),
			"default-retention" if value.trim().eq_ignore_ascii_case("permanent") => {
				Self::DefaultRetention(Retention::Permanent)
			},
			"default-retention" => Self::DefaultRetention(Retention::Days(small(number(
				"`permanent` or a number of days",
			)?)?)),
			other => {
				return Err(Error::Input(format!(
					"unknown parameter `{other}`; expected one of {}",
					Self::NAMES.join(", ")
				)))
			},
		})
	}
}

impl fmt::Display for ParameterValue {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::MaxClockSkew(ms) => write!(f, "max-clock-skew={ms}"),
			Self::RateLimit(RateLimit { records, window }) => {
				write!(f, "rate-limit={records}/{window}")
			},
			Self::MaxMetadataBytes(bytes) => write!(f, "max-metadata-bytes={bytes}"),
			Self::DefaultRetention(Retention::Permanent) => {
				f.write_str("default-retention=permanent")
			},
			Self::DefaultRetention(Retention::Days(days)) => write!(f, "default-retention={days}"),
		}
	}
}

/// One entry of the configuration history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
	/// Its position in the history, from 0.
	pub index: u32,
	/// The operator who made the change (shown in SS58).
	pub who: crate::keys::AccountId,
	/// The block of the change.
	pub block: u32,
	/// Chain time of that block, ms since the Unix epoch.
	pub time: u64,
	/// The value before.
	pub old: ParameterValue,
	/// The value after.
	pub new: ParameterValue,
}

impl From<chain::RateLimit> for RateLimit {
	fn from(limit: chain::RateLimit) -> Self {
		Self { records: limit.records, window: limit.window }
	}
}

impl From<chain::RetentionClass> for Retention {
	fn from(retention: chain::RetentionClass) -> Self {
		match retention {
			chain::RetentionClass::Permanent => Self::Permanent,
			chain::RetentionClass::Days(days) => Self::Days(days),
		}
	}
}

impl From<chain::DataParameters> for Parameters {
	fn from(p: chain::DataParameters) -> Self {
		Self {
			max_clock_skew: p.max_clock_skew,
			rate_limit: p.rate_limit.into(),
			max_metadata_bytes: p.max_metadata_bytes,
			default_retention: p.default_retention.into(),
		}
	}
}

impl From<chain::Parameter> for ParameterValue {
	fn from(p: chain::Parameter) -> Self {
		match p {
			chain::Parameter::MaxClockSkew(ms) => Self::MaxClockSkew(ms),
			chain::Parameter::RateLimit(limit) => Self::RateLimit(limit.into()),
			chain::Parameter::MaxMetadataBytes(bytes) => Self::MaxMetadataBytes(bytes),
			chain::Parameter::DefaultRetention(r) => Self::DefaultRetention(r.into()),
		}
	}
}

impl From<ParameterValue> for chain::Parameter {
	fn from(p: ParameterValue) -> Self {
		match p {
			ParameterValue::MaxClockSkew(ms) => Self::MaxClockSkew(ms),
			ParameterValue::RateLimit(RateLimit { records, window }) => {
				Self::RateLimit(chain::RateLimit { records, window })
			},
			ParameterValue::MaxMetadataBytes(bytes) => Self::MaxMetadataBytes(bytes),
			ParameterValue::DefaultRetention(Retention::Permanent) => {
				Self::DefaultRetention(chain::RetentionClass::Permanent)
			},
			ParameterValue::DefaultRetention(Retention::Days(days)) => {
				Self::DefaultRetention(chain::RetentionClass::Days(days))
			},
		}
	}
}

impl HistoryEntry {
	pub(crate) fn from_chain(
		index: u32,
		change: chain::ParameterChange<subxt::utils::AccountId32, u32>,
	) -> Self {
		Self {
			index,
			who: change.who,
			block: change.block,
			time: change.time,
			old: change.old.into(),
			new: change.new.into(),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn name_value_round_trips() {
		for text in [
			"max-clock-skew=60000",
			"rate-limit=100/10",
			"max-metadata-bytes=2048",
			"default-retention=permanent",
			"default-retention=365",
		] {
			assert_eq!(text.parse::<ParameterValue>().unwrap().to_string(), text);
		}
		for bad in ["max-clock-skew", "rate-limit=100", "colour=blue", "max-metadata-bytes=x"] {
			assert!(matches!(bad.parse::<ParameterValue>(), Err(Error::Input(_))), "{bad}");
		}
	}
}
