//! Data-management parameters (D3.7 CTL-2, CTL-4, REP-4): operators change them one at a time
//! within fixed bounds; every change is kept in the configuration history; the registry reads
//! them through [`CurrentParameters`].

use crate::pallet::{
	Config, Error, Event, Pallet, ParameterHistory, ParameterHistoryLength, Parameters,
};
use dmchain_primitives::{
	CurrentParameters, DataParameters, Parameter, ParameterBoundViolation, ParameterChange,
};
use frame_support::{ensure, pallet_prelude::*, traits::UnixTime};

/// The most history entries one query answers with.
pub const MAX_HISTORY_PAGE: u32 = 256;

impl<T: Config> From<ParameterBoundViolation> for Error<T> {
	fn from(violation: ParameterBoundViolation) -> Self {
		use ParameterBoundViolation as V;
		match violation {
			V::ClockSkewAboveMaximum => Error::ClockSkewAboveMaximum,
			V::RateLimitRecordsZero => Error::RateLimitRecordsZero,
			V::RateLimitRecordsAboveMaximum => Error::RateLimitRecordsAboveMaximum,
			V::RateLimitWindowZero => Error::RateLimitWindowZero,
			V::RateLimitWindowAboveMaximum => Error::RateLimitWindowAboveMaximum,
			V::MetadataBytesBelowMinimum => Error::MetadataBytesBelowMinimum,
			V::MetadataBytesAboveMaximum => Error::MetadataBytesAboveMaximum,
			V::RetentionDaysZero => Error::RetentionDaysZero,
			V::RetentionDaysAboveMaximum => Error::RetentionDaysAboveMaximum,
		}
	}
}

impl<T: Config> Pallet<T> {
	pub(crate) fn do_set_parameter(operator: T::AccountId, new: Parameter) -> DispatchResult {
		new.check().map_err(Error::<T>::from)?;
		let mut parameters = Parameters::<T>::get();
		let old = parameters.get(&new);
		ensure!(old != new, Error::<T>::ParameterUnchanged);
		let index = ParameterHistoryLength::<T>::get();
		let next = index.checked_add(1).ok_or(Error::<T>::HistoryFull)?;
		parameters.set(new);
		Parameters::<T>::put(parameters);
		ParameterHistory::<T>::insert(
			index,
			ParameterChange {
				who: operator.clone(),
				block: frame_system::Pallet::<T>::block_number(),
				time: u64::try_from(T::UnixTime::now().as_millis()).unwrap_or(u64::MAX),
				old,
				new,
			},
		);
		ParameterHistoryLength::<T>::put(next);
		Self::deposit_event(Event::ParameterChanged { index, by: operator, old, new });
		Ok(())
	}

	/// The configuration history from entry `from` on, at most `limit` entries, oldest first,
	/// each with its index.
	/// `limit` is capped at [`MAX_HISTORY_PAGE`].
	pub fn parameter_history(
		from: u32,
		limit: u32,
	) -> alloc::vec::Vec<(u32, crate::types::ParameterChangeOf<T>)> {
		let limit = limit.min(MAX_HISTORY_PAGE);
		let end = ParameterHistoryLength::<T>::get().min(from.saturating_add(limit));
		(from..end).filter_map(|i| ParameterHistory::<T>::get(i).map(|c| (i, c))).collect()
	}
}

impl<T: Config> CurrentParameters for Pallet<T> {
	fn current() -> DataParameters {
		Parameters::<T>::get()
	}
}
