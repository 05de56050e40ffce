//! Admission of data sources (CTL-3): the registry asks this pallet, through
//! [`SourceAdmission`], whether a new source waits for approval; operators approve or reject
//! it through [`Config::Sources`].

use crate::{
	pallet::{Config, Error, Event, Pallet},
	types::ReasonOf,
};
use dmchain_primitives::{SourceAdmission, SourceControl, SourceHold, SourceId, SourceStatus};
use frame_support::{ensure, pallet_prelude::*};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_approve_source(operator: T::AccountId, source: SourceId) -> DispatchResult {
		T::Sources::approve(source)?;
		Self::deposit_event(Event::SourceApproved { source, by: operator });
		Ok(())
	}

	pub(crate) fn do_reject_source(
		operator: T::AccountId,
		source: SourceId,
		reason: ReasonOf<T>,
	) -> DispatchResult {
		ensure!(core::str::from_utf8(&reason).is_ok(), Error::<T>::InvalidUtf8);
		T::Sources::reject(source)?;
		Self::deposit_event(Event::SourceRejected { source, by: operator, reason });
		Ok(())
	}
}

impl<T: Config> Pallet<T> {
	pub(crate) fn do_suspend_source(
		operator: T::AccountId,
		source: SourceId,
		reason: ReasonOf<T>,
	) -> DispatchResult {
		ensure!(core::str::from_utf8(&reason).is_ok(), Error::<T>::InvalidUtf8);
		T::Sources::hold(source, SourceHold::OperatorSuspension)?;
		Self::deposit_event(Event::SourceSuspended { source, by: operator, reason });
		Ok(())
	}

	pub(crate) fn do_lift_source_suspension(
		operator: T::AccountId,
		source: SourceId,
	) -> DispatchResult {
		T::Sources::lift(source, SourceHold::OperatorSuspension)?;
		Self::deposit_event(Event::SourceSuspensionLifted { source, by: operator });
		Ok(())
	}
}

impl<T: Config> SourceAdmission<T::AccountId> for Pallet<T> {
	fn initial_status(_owner: &T::AccountId) -> SourceStatus {
		if T::RequireSourceApproval::get() {
			SourceStatus::PendingApproval
		} else {
			SourceStatus::Active
		}
	}
}
