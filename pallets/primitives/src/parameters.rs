//! Data-management parameters (D3.7 CTL-2, CTL-4, REP-4): the values the registry applies to
//! submissions, set by operators within fixed bounds, with safe defaults.

use crate::Millis;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// The largest device-clock skew an operator may allow: one hour, in ms.
pub const MAX_CLOCK_SKEW_LIMIT: Millis = 3_600_000;
/// The most records per window a rate limit may allow.
pub const RATE_LIMIT_MAX_RECORDS: u32 = 1_000_000;
/// The longest rate-limit window: 14,400 blocks (a day at 6 s).
pub const RATE_LIMIT_MAX_WINDOW: u32 = 14_400;
/// The smallest bound on a record's metadata size, in bytes.
pub const METADATA_BYTES_MIN: u32 = 64;
/// The largest bound on a record's metadata size, in bytes.
pub const METADATA_BYTES_MAX: u32 = 65_536;
/// The longest retention period, in days (a hundred years).
pub const RETENTION_DAYS_MAX: u32 = 36_500;

/// How many records a source may anchor per window of blocks (REP-4).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct RateLimit {
	/// The most records per window (1 to [`RATE_LIMIT_MAX_RECORDS`]).
	pub records: u32,
	/// The window, in blocks (1 to [`RATE_LIMIT_MAX_WINDOW`]); windows start at block numbers
	/// divisible by it.
	pub window: u32,
}

/// How long a source's payloads must be kept off chain by its owner (the on-chain records are
/// kept for ever).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub enum RetentionClass {
	/// Kept for ever.
	Permanent,
	/// Kept this many days (1 to [`RETENTION_DAYS_MAX`]).
	Days(u32),
}

/// The data-management parameters the registry applies.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct DataParameters {
	/// How far, in ms, a device time-stamp may lie ahead of chain time.
	#[serde(with = "crate::num_serde")]
	pub max_clock_skew: Millis,
	/// How many records a source may anchor per window of blocks.
	pub rate_limit: RateLimit,
	/// The largest metadata of one record: the bytes of its keys and text or bytes values.
	pub max_metadata_bytes: u32,
	/// The retention class a newly registered source gets.
	pub default_retention: RetentionClass,
}

impl Default for DataParameters {
	/// Safe defaults: 5 minutes of clock skew, 10,000 records per 10 blocks, 4 KiB of metadata,
	/// payloads kept ten years.
	fn default() -> Self {
		Self {
			max_clock_skew: 300_000,
			rate_limit: RateLimit { records: 10_000, window: 10 },
			max_metadata_bytes: 4096,
			default_retention: RetentionClass::Days(3650),
		}
	}
}

/// One parameter with its new value: what an operator changes at a time.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub enum Parameter {
	/// [`DataParameters::max_clock_skew`].
	MaxClockSkew(#[serde(with = "crate::num_serde")] Millis),
	/// [`DataParameters::rate_limit`].
	RateLimit(RateLimit),
	/// [`DataParameters::max_metadata_bytes`].
	MaxMetadataBytes(u32),
	/// [`DataParameters::default_retention`].
	DefaultRetention(RetentionClass),
}

/// Which bound a parameter value breaks.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ParameterBoundViolation {
	/// The clock skew is above [`MAX_CLOCK_SKEW_LIMIT`].
	ClockSkewAboveMaximum,
	/// The rate limit allows no record.
	RateLimitRecordsZero,
	/// The rate limit allows more than [`RATE_LIMIT_MAX_RECORDS`] per window.
	RateLimitRecordsAboveMaximum,
	/// The rate-limit window is zero blocks.
	RateLimitWindowZero,
	/// The rate-limit window is longer than [`RATE_LIMIT_MAX_WINDOW`] blocks.
	RateLimitWindowAboveMaximum,
	/// The metadata bound is below [`METADATA_BYTES_MIN`].
	MetadataBytesBelowMinimum,
	/// The metadata bound is above [`METADATA_BYTES_MAX`].
	MetadataBytesAboveMaximum,
	/// The retention period is zero days.
	RetentionDaysZero,
	/// The retention period is longer than [`RETENTION_DAYS_MAX`] days.
	RetentionDaysAboveMaximum,
}

impl Parameter {
	/// Checks the value against its bounds.
	pub fn check(&self) -> Result<(), ParameterBoundViolation> {
		use ParameterBoundViolation::*;
		let fail_if = |bad: bool, why| if bad { Err(why) } else { Ok(()) };
		match *self {
			Self::MaxClockSkew(ms) => fail_if(ms > MAX_CLOCK_SKEW_LIMIT, ClockSkewAboveMaximum),
			Self::RateLimit(RateLimit { records, window }) => {
				fail_if(records == 0, RateLimitRecordsZero)?;
				fail_if(records > RATE_LIMIT_MAX_RECORDS, RateLimitRecordsAboveMaximum)?;
				fail_if(window == 0, RateLimitWindowZero)?;
				fail_if(window > RATE_LIMIT_MAX_WINDOW, RateLimitWindowAboveMaximum)
			},
			Self::MaxMetadataBytes(bytes) => {
				fail_if(bytes < METADATA_BYTES_MIN, MetadataBytesBelowMinimum)?;
				fail_if(bytes > METADATA_BYTES_MAX, MetadataBytesAboveMaximum)
			},
			Self::DefaultRetention(RetentionClass::Permanent) => Ok(()),
			Self::DefaultRetention(RetentionClass::Days(days)) => {
				fail_if(days == 0, RetentionDaysZero)?;
				fail_if(days > RETENTION_DAYS_MAX, RetentionDaysAboveMaximum)
			},
		}
	}
}

impl DataParameters {
	/// The current value of the parameter `like` names (its own value is ignored).
	pub fn get(&self, like: &Parameter) -> Parameter {
		match like {
			Parameter::MaxClockSkew(_) => Parameter::MaxClockSkew(self.max_clock_skew),
			Parameter::RateLimit(_) => Parameter::RateLimit(self.rate_limit),
			Parameter::MaxMetadataBytes(_) => Parameter::MaxMetadataBytes(self.max_metadata_bytes),
			Parameter::DefaultRetention(_) => Parameter::DefaultRetention(self.default_retention),
		}
	}

	/// Sets one parameter (unchecked: see [`Parameter::check`]).
	pub fn set(&mut self, value: Parameter) {
		match value {
			Parameter::MaxClockSkew(v) => self.max_clock_skew = v,
			Parameter::RateLimit(v) => self.rate_limit = v,
			Parameter::MaxMetadataBytes(v) => self.max_metadata_bytes = v,
			Parameter::DefaultRetention(v) => self.default_retention = v,
		}
	}

	/// Every parameter, as the [`Parameter`] values that would set it.
	pub fn all(&self) -> [Parameter; 4] {
		[
			Parameter::MaxClockSkew(self.max_clock_skew),
			Parameter::RateLimit(self.rate_limit),
			Parameter::MaxMetadataBytes(self.max_metadata_bytes),
			Parameter::DefaultRetention(self.default_retention),
		]
	}

	/// Checks every parameter against its bounds.
	pub fn check(&self) -> Result<(), ParameterBoundViolation> {
		self.all().iter().try_for_each(Parameter::check)
	}
}

/// One entry of the configuration history (CTL-4): who changed which parameter when, from
/// what to what. Kept for ever, in the order the changes were made.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct ParameterChange<AccountId, BlockNumber> {
	/// The operator who made the change.
	pub who: AccountId,
	/// The block the change was made in.
	pub block: BlockNumber,
	/// Chain time of that block, ms since the Unix epoch.
	#[serde(with = "crate::num_serde")]
	pub time: Millis,
	/// The value before.
	pub old: Parameter,
	/// The value after.
	pub new: Parameter,
}

/// Where the registry reads the parameters from (the operator pallet in the runtime). `()`
/// answers the defaults.
pub trait CurrentParameters {
	/// The parameters in force.
	fn current() -> DataParameters;
}

impl CurrentParameters for () {
	fn current() -> DataParameters {
		DataParameters::default()
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use ParameterBoundViolation::*;

	#[test]
	fn defaults_keep_their_own_bounds() {
		assert_eq!(DataParameters::default().check(), Ok(()));
	}

	#[test]
	fn each_bound_is_named_when_broken() {
		let rate = |records, window| Parameter::RateLimit(RateLimit { records, window }).check();
		assert_eq!(Parameter::MaxClockSkew(MAX_CLOCK_SKEW_LIMIT).check(), Ok(()));
		assert_eq!(
			Parameter::MaxClockSkew(MAX_CLOCK_SKEW_LIMIT + 1).check(),
			Err(ClockSkewAboveMaximum)
		);
		assert_eq!(rate(0, 1), Err(RateLimitRecordsZero));
		assert_eq!(rate(RATE_LIMIT_MAX_RECORDS + 1, 1), Err(RateLimitRecordsAboveMaximum));
		assert_eq!(rate(1, 0), Err(RateLimitWindowZero));
		assert_eq!(rate(1, RATE_LIMIT_MAX_WINDOW + 1), Err(RateLimitWindowAboveMaximum));
		assert_eq!(rate(RATE_LIMIT_MAX_RECORDS, RATE_LIMIT_MAX_WINDOW), Ok(()));
		assert_eq!(
			Parameter::MaxMetadataBytes(METADATA_BYTES_MIN - 1).check(),
			Err(MetadataBytesBelowMinimum)
		);
		assert_eq!(
			Parameter::MaxMetadataBytes(METADATA_BYTES_MAX + 1).check(),
			Err(MetadataBytesAboveMaximum)
		);
		let days = |d| Parameter::DefaultRetention(RetentionClass::Days(d)).check();
		assert_eq!(days(0), Err(RetentionDaysZero));
		assert_eq!(days(RETENTION_DAYS_MAX + 1), Err(RetentionDaysAboveMaximum));
		assert_eq!(Parameter::DefaultRetention(RetentionClass::Permanent).check(), Ok(()));
	}

	#[test]
	fn get_and_set_address_the_same_parameter() {
		let mut p = DataParameters::default();
		for value in [
			Parameter::MaxClockSkew(7),
			Parameter::RateLimit(RateLimit { records: 3, window: 4 }),
			Parameter::MaxMetadataBytes(100),
			Parameter::DefaultRetention(RetentionClass::Permanent),
		] {
			assert_ne!(p.get(&value), value);
			p.set(value);
			assert_eq!(p.get(&value), value);
		}
	}
}
