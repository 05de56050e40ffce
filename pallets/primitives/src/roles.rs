//! The roles of D3.7 clause 7.2 as other pallets see them: operators (CTL-1), supervisors
//! (MON-1) and approved data users (SVC-1). Implemented by the operator-configuration pallet;
//! the runtime hands it to the pallets that check roles.

/// Who holds which role.
pub trait Roles<AccountId> {
	/// Whether `who` is an operator.
	fn is_operator(who: &AccountId) -> bool;
	/// Whether `who` is a supervisor.
	fn is_supervisor(who: &AccountId) -> bool;
	/// Whether `who` is a registered data user whose registration an operator approved and
	/// that is not suspended.
	fn is_approved_data_user(who: &AccountId) -> bool;
}

/// No roles at all: nobody is an operator, a supervisor or a data user.
impl<AccountId> Roles<AccountId> for () {
	fn is_operator(_: &AccountId) -> bool {
		false
	}
	fn is_supervisor(_: &AccountId) -> bool {
		false
	}
	fn is_approved_data_user(_: &AccountId) -> bool {
		false
	}
}
