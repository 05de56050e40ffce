//! Unit tests of the access pallet: every call, every error, expiry at the exact boundary
//! block, the bounded cleanup of expired grants, and the access question (D3.7 GOV-1, APP-2,
//! CTL-3, MGMT-1, MGMT-2, PRC-2, PRC-5). Every test ends with the storage invariants checked.

use crate::{
	mock::*,
	pallet::{
		Datasets, EncryptionKeys, Error, Event, FormatVisibilities, GrantExpiries, Grants,
		HoldReason, Owners, Requests,
	},
	weights::WeightInfo,
};
use dmchain_primitives::{
	AccessBasis, AccessDenial, AccessTarget, DatasetId, RecordId, Scope, Visibilities, Visibility,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, Hooks},
	weights::Weight,
	BoundedVec,
};
use sp_runtime::testing::TestSignature;

fn text<S: frame_support::traits::Get<u32>>(s: &str) -> BoundedVec<u8, S> {
	s.as_bytes().to_vec().try_into().expect("a short test text")
}

fn sources(ids: &[u32]) -> BoundedVec<u32, frame_support::traits::ConstU32<4>> {
	ids.to_vec().try_into().expect("at most 4 sources")
}

fn parents(ids: &[DatasetId]) -> BoundedVec<DatasetId, frame_support::traits::ConstU32<3>> {
	ids.to_vec().try_into().expect("at most 3 parents")
}

fn origin(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// `OWNER` creates a dataset of `visibility` over `OWN_SOURCE`, derived from `from`.
fn create(visibility: Visibility, from: &[DatasetId]) -> DatasetId {
	let id = crate::NextDatasetId::<Test>::get();
	assert_ok!(Access::create_dataset(
		origin(OWNER),
		text("Air quality"),
		text("Hourly PM2.5 readings"),
		FORMAT,
		visibility,
		sources(&[OWN_SOURCE]),
		parents(from),
	));
	id
}

fn held(reason: HoldReason, who: AccountId) -> u64 {
	Balances::balance_on_hold(&reason.into(), &who)
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

fn request(user: AccountId, dataset: DatasetId, scope: Scope, expires_at: u64) {
	assert_ok!(Access::request_access(origin(user), dataset, scope, text("research"), expires_at));
}

fn grant(dataset: DatasetId, user: AccountId, scope: Scope, expires_at: u64) {
	assert_ok!(Access::grant_access(
		origin(OWNER),
		dataset,
		user,
		scope,
		text("contract 7"),
		expires_at
	));
}

fn check(
	user: AccountId,
	scope: Scope,
	target: AccessTarget,
) -> Result<AccessBasis<u64>, AccessDenial<u64>> {
	Access::access(&user, scope, target)
}

mod datasets {
	use super::*;

	#[test]
	fn create_stores_the_dataset_holds_its_deposit_and_records_its_creator() {
		build_and_execute(|| {
			let id = create(Visibility::Consortium, &[]);
			let d = Datasets::<Test>::get(id).expect("stored");
			assert_eq!(d.owner, OWNER);
			assert_eq!(d.format, FORMAT);
			assert_eq!(d.visibility, Visibility::Consortium);
			assert_eq!(d.sources.to_vec(), vec![OWN_SOURCE]);
			assert_eq!((d.owners, d.grants, d.requests, d.derivatives), (1, 0, 0, 0));
			assert_eq!(d.deposit, Access::dataset_deposit(&d, 1));
			assert!(d.deposit > DEPOSIT_BASE);
			assert_eq!(held(HoldReason::DatasetDeposit, OWNER), d.deposit);
			assert_eq!(Owners::<Test>::get(id, 0).map(|e| (e.owner, e.since)), Some((OWNER, 1)));
			assert_eq!(
				last_event(),
				Event::DatasetCreated {
					dataset: id,
					owner: OWNER,
					format: FORMAT,
					visibility: Visibility::Consortium
				}
				.into()
			);
		});
	}

	#[test]
	fn a_source_owner_without_a_role_may_create_over_its_own_sources_only() {
		build_and_execute(|| {
			assert_ok!(Access::create_dataset(
				origin(SOURCE_OWNER),
				text("Mine"),
				text(""),
				FORMAT,
				Visibility::Private,
				sources(&[OWN_SOURCE]),
				parents(&[]),
			));
			assert_noop!(
				Access::create_dataset(
					origin(SOURCE_OWNER),
					text("Mine and theirs"),
					text(""),
					FORMAT,
					Visibility::Private,
					sources(&[OWN_SOURCE, FOREIGN_SOURCE]),
					parents(&[]),
				),
				Error::<Test>::NotEligibleOwner
			);
		});
	}

	#[test]
	fn create_refuses_each_bad_input_with_its_own_error() {
		build_and_execute(|| {
			let attempt =
				|who, title: &str, description: &[u8], format, srcs: &[u32], from: &[DatasetId]| {
					Access::create_dataset(
						origin(who),
						text(title),
						description.to_vec().try_into().unwrap(),
						format,
						Visibility::Consortium,
						sources(srcs),
						parents(from),
					)
				};
			assert_noop!(
				attempt(STRANGER, "t", b"", FORMAT, &[OWN_SOURCE], &[]),
				Error::<Test>::NotEligibleOwner
			);
			assert_noop!(
				attempt(OWNER, "", b"", FORMAT, &[OWN_SOURCE], &[]),
				Error::<Test>::EmptyTitle
			);
			assert_noop!(
				attempt(OWNER, "t", &[0xff, 0xfe], FORMAT, &[OWN_SOURCE], &[]),
				Error::<Test>::InvalidUtf8
			);
			assert_noop!(
				attempt(OWNER, "t", b"", MISSING_FORMAT, &[OWN_SOURCE], &[]),
				Error::<Test>::FormatNotFound
			);
			assert_noop!(attempt(OWNER, "t", b"", FORMAT, &[], &[]), Error::<Test>::NoSources);
			assert_noop!(
				attempt(OWNER, "t", b"", FORMAT, &[MISSING_SOURCE], &[]),
				Error::<Test>::SourceNotFound
			);
			assert_noop!(
				attempt(OWNER, "t", b"", FORMAT, &[OWN_SOURCE, OWN_SOURCE], &[]),
				Error::<Test>::DuplicateSource
			);
			assert_noop!(
				attempt(OWNER, "t", b"", FORMAT, &[OWN_SOURCE], &[0]),
				Error::<Test>::ParentNotFound
			);
			let parent = create(Visibility::Public, &[]);
			assert_noop!(
				attempt(OWNER, "t", b"", FORMAT, &[OWN_SOURCE], &[parent, parent]),
				Error::<Test>::DuplicateParent
			);
			assert_noop!(
				attempt(PAUPER, "t", b"", FORMAT, &[OWN_SOURCE], &[]),
				Error::<Test>::InsufficientDeposit
			);
		});
	}

	#[test]
	fn the_format_rule_decides_which_visibilities_a_dataset_may_have() {
		build_and_execute(|| {
			let no_public = Visibilities { public: false, consortium: true, private: true };
			assert_noop!(
				Access::set_format_visibilities(origin(OWNER), FORMAT, no_public),
				Error::<Test>::NotOperator
			);
			assert_noop!(
				Access::set_format_visibilities(origin(OPERATOR), MISSING_FORMAT, no_public),
				Error::<Test>::FormatNotFound
			);
			assert_ok!(Access::set_format_visibilities(origin(OPERATOR), FORMAT, no_public));
			assert_eq!(FormatVisibilities::<Test>::get(FORMAT), Some(no_public));
			assert_eq!(
				last_event(),
				Event::FormatVisibilitiesSet { format: FORMAT, allowed: no_public, by: OPERATOR }
					.into()
			);
			assert_noop!(
				Access::create_dataset(
					origin(OWNER),
					text("t"),
					text(""),
					FORMAT,
					Visibility::Public,
					sources(&[OWN_SOURCE]),
					parents(&[]),
				),
				Error::<Test>::VisibilityNotAllowed
			);
			// Another format is not affected.
			assert_ok!(Access::create_dataset(
				origin(OWNER),
				text("t"),
				text(""),
				OTHER_FORMAT,
				Visibility::Public,
				sources(&[OWN_SOURCE]),
				parents(&[]),
			));
			let id = create(Visibility::Private, &[]);
			assert_noop!(
				Access::set_visibility(origin(OWNER), id, Visibility::Public),
				Error::<Test>::VisibilityNotAllowed
			);
			// Allowing everything clears the rule.
			assert_ok!(Access::set_format_visibilities(
				origin(OPERATOR),
				FORMAT,
				Visibilities::ALL
			));
			assert_eq!(FormatVisibilities::<Test>::get(FORMAT), None);
			assert_ok!(Access::set_visibility(origin(OWNER), id, Visibility::Public));
		});
	}

	#[test]
	fn set_visibility_by_the_owner_only_and_public_only_once_grants_are_settled() {
		build_and_execute(|| {
			let id = create(Visibility::Private, &[]);
			assert_noop!(
				Access::set_visibility(origin(USER), id, Visibility::Consortium),
				Error::<Test>::NotOwner
			);
			assert_noop!(
				Access::set_visibility(origin(OWNER), 7, Visibility::Consortium),
				Error::<Test>::DatasetNotFound
			);
			assert_noop!(
				Access::set_visibility(origin(OWNER), id, Visibility::Private),
				Error::<Test>::VisibilityUnchanged
			);
			grant(id, USER, Scope::Read, 10);
			assert_noop!(
				Access::set_visibility(origin(OWNER), id, Visibility::Public),
				Error::<Test>::HasGrants
			);
			assert_ok!(Access::revoke_access(origin(OWNER), id, USER));
			request(USER, id, Scope::Read, 10);
			assert_noop!(
				Access::set_visibility(origin(OWNER), id, Visibility::Public),
				Error::<Test>::HasRequests
			);
			assert_ok!(Access::set_visibility(origin(OWNER), id, Visibility::Consortium));
			assert_eq!(
				last_event(),
				Event::VisibilityChanged { dataset: id, visibility: Visibility::Consortium }.into()
			);
			assert_eq!(Datasets::<Test>::get(id).unwrap().visibility, Visibility::Consortium);
		});
	}

	#[test]
	fn transfer_moves_the_deposit_and_keeps_the_owner_history() {
		build_and_execute(|| {
			let id = create(Visibility::Consortium, &[]);
			let before = held(HoldReason::DatasetDeposit, OWNER);
			System::set_block_number(5);
			assert_ok!(Access::transfer_dataset(origin(OWNER), id, USER));
			let d = Datasets::<Test>::get(id).unwrap();
			assert_eq!((d.owner, d.owners), (USER, 2));
			assert_eq!(held(HoldReason::DatasetDeposit, OWNER), 0);
			assert_eq!(held(HoldReason::DatasetDeposit, USER), d.deposit);
			assert!(d.deposit > before, "the new history entry is paid for");
			assert_eq!(Access::dataset_view(id).unwrap().owners, vec![(OWNER, 1), (USER, 5)]);
			assert_eq!(
				last_event(),
				Event::DatasetTransferred { dataset: id, from: OWNER, to: USER }.into()
			);
		});
	}

	#[test]
	fn transfer_refusals() {
		build_and_execute(|| {
			let id = create(Visibility::Consortium, &[]);
			assert_noop!(Access::transfer_dataset(origin(USER), id, USER), Error::<Test>::NotOwner);
			assert_noop!(
				Access::transfer_dataset(origin(OWNER), 9, USER),
				Error::<Test>::DatasetNotFound
			);
			assert_noop!(
				Access::transfer_dataset(origin(OWNER), id, OWNER),
				Error::<Test>::AlreadyOwner
			);
			assert_noop!(
				Access::transfer_dataset(origin(OWNER), id, STRANGER),
				Error::<Test>::NotEligibleOwner
			);
			assert_noop!(
				Access::transfer_dataset(origin(OWNER), id, PAUPER),
				Error::<Test>::InsufficientDeposit
			);
			// The source's owner may take it over without a role.
			assert_ok!(Access::transfer_dataset(origin(OWNER), id, SOURCE_OWNER));
			assert_ok!(Access::transfer_dataset(origin(SOURCE_OWNER), id, USER));
			// MaxOwners is 3.
			assert_noop!(
				Access::transfer_dataset(origin(USER), id, OWNER),
				Error::<Test>::TooManyOwners
			);
		});
	}

	#[test]
	fn remove_releases_the_deposit_once_nothing_depends_on_the_dataset() {
		build_and_execute(|| {
			let parent = create(Visibility::Consortium, &[]);
			let child = create(Visibility::Consortium, &[parent]);
			assert_eq!(Datasets::<Test>::get(parent).unwrap().derivatives, 1);
			assert_noop!(Access::remove_dataset(origin(USER), parent), Error::<Test>::NotOwner);
			assert_noop!(Access::remove_dataset(origin(OWNER), 9), Error::<Test>::DatasetNotFound);
			assert_noop!(
				Access::remove_dataset(origin(OWNER), parent),
				Error::<Test>::HasDerivatives
			);
			grant(child, USER, Scope::Read, 10);
			assert_noop!(Access::remove_dataset(origin(OWNER), child), Error::<Test>::HasGrants);
			assert_ok!(Access::revoke_access(origin(OWNER), child, USER));
			request(USER, child, Scope::Read, 10);
			assert_noop!(Access::remove_dataset(origin(OWNER), child), Error::<Test>::HasRequests);
			assert_ok!(Access::cancel_request(origin(USER), child));

			assert_ok!(Access::remove_dataset(origin(OWNER), child));
			assert_eq!(last_event(), Event::DatasetRemoved { dataset: child, owner: OWNER }.into());
			assert_eq!(Datasets::<Test>::get(parent).unwrap().derivatives, 0);
			assert!(Owners::<Test>::get(child, 0).is_none());
			assert_ok!(Access::remove_dataset(origin(OWNER), parent));
			assert_eq!(held(HoldReason::DatasetDeposit, OWNER), 0);
			assert_eq!(Balances::free_balance(OWNER), INITIAL_BALANCE);
		});
	}

	#[test]
	fn provenance_walks_the_lineage_breadth_first_each_ancestor_once_within_its_bound() {
		build_and_execute(|| {
			let a = create(Visibility::Public, &[]);
			let b = create(Visibility::Public, &[a]);
			let c = create(Visibility::Public, &[a]);
			let d = create(Visibility::Public, &[b, c]);
			let p = Access::provenance(d).unwrap();
			assert_eq!((p.ancestors, p.complete), (vec![b, c, a], true));
			assert_eq!(Access::provenance(a).unwrap().ancestors, Vec::<DatasetId>::new());
			assert_eq!(Access::provenance(42), None);
			// MaxProvenance is 4: a chain of six stops after four.
			let e = create(Visibility::Public, &[d]);
			let f = create(Visibility::Public, &[e]);
			let p = Access::provenance(f).unwrap();
			assert_eq!((p.ancestors, p.complete), (vec![e, d, b, c], false));
		});
	}

	#[test]
	fn the_directory_lists_what_each_viewer_may_see() {
		build_and_execute(|| {
			let public = create(Visibility::Public, &[]);
			let consortium = create(Visibility::Consortium, &[]);
			let private = create(Visibility::Private, &[]);
			let ids = |viewer: Option<AccountId>| {
				Access::datasets_page(viewer.as_ref(), None, 10)
					.items
					.into_iter()
					.map(|d| d.id)
					.collect::<Vec<_>>()
			};
			assert_eq!(ids(None), vec![public]);
			assert_eq!(ids(Some(STRANGER)), vec![public]);
			assert_eq!(ids(Some(USER)), vec![public, consortium]);
			assert_eq!(ids(Some(OWNER)), vec![public, consortium, private]);
			grant(private, USER, Scope::VerifyOnly, 10);
			assert_eq!(ids(Some(USER)), vec![public, consortium, private]);
			System::set_block_number(10);
			assert_eq!(ids(Some(USER)), vec![public, consortium], "an expired grant lists nothing");
		});
	}

	#[test]
	fn directory_pages_are_bounded_and_say_where_to_go_on() {
		build_and_execute(|| {
			for _ in 0..5 {
				create(Visibility::Public, &[]);
			}
			// MaxPageSize is 3.
			let page = Access::datasets_page(None, None, 10);
			assert_eq!(page.items.iter().map(|d| d.id).collect::<Vec<_>>(), vec![0, 1, 2]);
			assert_eq!(page.next, Some(2));
			let page = Access::datasets_page(None, page.next, 10);
			assert_eq!(page.items.iter().map(|d| d.id).collect::<Vec<_>>(), vec![3, 4]);
			assert_eq!(page.next, None);
		});
	}
}

mod requests {
	use super::*;

	#[test]
	fn a_request_holds_its_deposit_until_approved_and_becomes_a_grant() {
		build_and_execute(|| {
			let id = create(Visibility::Consortium, &[]);
			request(USER, id, Scope::Derive, 50);
			assert_eq!(
				last_event(),
				Event::AccessRequested {
					dataset: id,
					user: USER,
					scope: Scope::Derive,
					expires_at: 50
				}
				.into()
			);
			let r = Requests::<Test>::get(id, USER).expect("stored");
			assert_eq!(held(HoldReason::RequestDeposit, USER), r.deposit);
			assert_eq!(Datasets::<Test>::get(id).unwrap().requests, 1);
			assert_eq!(Access::requests_of(id).len(), 1);

			// Narrowed: a smaller scope and an earlier expiry.
			assert_ok!(Access::approve_request(origin(OWNER), id, USER, Scope::Read, 40));
			assert_eq!(
				last_event(),
				Event::AccessGranted {
					dataset: id,
					user: USER,
					scope: Scope::Read,
					expires_at: 40
				}
				.into()
			);
			assert_eq!(held(HoldReason::RequestDeposit, USER), 0);
			let g = Grants::<Test>::get(id, USER).expect("granted");
			assert_eq!((g.scope, g.expires_at, g.depositor), (Scope::Read, 40, OWNER));
			assert_eq!(g.purpose.to_vec(), b"research".to_vec());
			assert_eq!(held(HoldReason::GrantDeposit, OWNER), g.deposit);
			assert!(Requests::<Test>::get(id, USER).is_none());
			let d = Datasets::<Test>::get(id).unwrap();
			assert_eq!((d.requests, d.grants), (0, 1));
		});
	}

	#[test]
	fn request_refusals() {
		build_and_execute(|| {
			let id = create(Visibility::Consortium, &[]);
			let public = create(Visibility::Public, &[]);
			let ask = |who, dataset, purpose: &[u8], expires_at| {
				Access::request_access(
					origin(who),
					dataset,
					Scope::Read,
					purpose.to_vec().try_into().unwrap(),
					expires_at,
				)
			};
			assert_noop!(ask(STRANGER, id, b"p", 10), Error::<Test>::NotApprovedDataUser);
			assert_noop!(ask(USER, 9, b"p", 10), Error::<Test>::DatasetNotFound);
			assert_noop!(ask(OWNER, id, b"p", 10), Error::<Test>::OwnerNeedsNoGrant);
			assert_noop!(ask(USER, public, b"p", 10), Error::<Test>::DatasetIsPublic);
			assert_noop!(ask(USER, id, b"", 10), Error::<Test>::EmptyPurpose);
			assert_noop!(ask(USER, id, &[0xc3], 10), Error::<Test>::InvalidUtf8);
			assert_noop!(ask(USER, id, b"p", 1), Error::<Test>::ExpiryNotInFuture);
			assert_noop!(ask(USER, id, b"p", 2 + MAX_GRANT_PERIOD), Error::<Test>::GrantTooLong);
			assert_ok!(ask(USER, id, b"p", 1 + MAX_GRANT_PERIOD));
			assert_noop!(ask(USER, id, b"p", 10), Error::<Test>::RequestPending);
			assert_noop!(ask(PAUPER, id, b"p", 10), Error::<Test>::InsufficientDeposit);
			assert_ok!(ask(OTHER_USER, id, b"p", 10));
			// MaxPendingRequests is 2.
			approve_user(STRANGER);
			assert_noop!(ask(STRANGER, id, b"p", 10), Error::<Test>::TooManyRequests);
		});
	}

	#[test]
	fn approval_may_narrow_but_never_widen() {
		build_and_execute(|| {
			let id = create(Visibility::Consortium, &[]);
			request(USER, id, Scope::Read, 50);
			assert_noop!(
				Access::approve_request(origin(USER), id, USER, Scope::Read, 50),
				Error::<Test>::NotOwner
			);
			assert_noop!(
				Access::approve_request(origin(OWNER), id, OTHER_USER, Scope::Read, 50),
				Error::<Test>::RequestNotFound
			);
			assert_noop!(
				Access::approve_request(origin(OWNER), id, USER, Scope::Derive, 50),
				Error::<Test>::ScopeWiderThanRequested
			);
			assert_noop!(
				Access::approve_request(origin(OWNER), id, USER, Scope::Read, 51),
				Error::<Test>::ExpiryLaterThanRequested
			);
			assert_noop!(
				Access::approve_request(origin(OWNER), id, USER, Scope::Read, 1),
				Error::<Test>::ExpiryNotInFuture
			);
			suspend_user(USER);
			assert_noop!(
				Access::approve_request(origin(OWNER), id, USER, Scope::Read, 50),
				Error::<Test>::NotApprovedDataUser
			);
			approve_user(USER);
			// As asked.
			assert_ok!(Access::approve_request(origin(OWNER), id, USER, Scope::Read, 50));
		});
	}

	#[test]
	fn reject_and_cancel_return_the_deposit() {
		build_and_execute(|| {
			let id = create(Visibility::Consortium, &[]);
			request(USER, id, Scope::Read, 50);
			request(OTHER_USER, id, Scope::Read, 50);
			assert_noop!(
				Access::reject_request(origin(USER), id, USER, text("no")),
				Error::<Test>::NotOwner
			);
			assert_noop!(
				Access::reject_request(origin(OWNER), id, USER, text("")),
				Error::<Test>::EmptyPurpose
			);
			assert_noop!(
				Access::reject_request(origin(OWNER), id, STRANGER, text("no")),
				Error::<Test>::RequestNotFound
			);
			assert_ok!(Access::reject_request(origin(OWNER), id, USER, text("not in scope")));
			assert_eq!(
				last_event(),
				Event::RequestRejected { dataset: id, user: USER, reason: text("not in scope") }
					.into()
			);
			assert_eq!(held(HoldReason::RequestDeposit, USER), 0);
			assert!(Grants::<Test>::get(id, USER).is_none());

			assert_noop!(Access::cancel_request(origin(USER), id), Error::<Test>::RequestNotFound);
			assert_ok!(Access::cancel_request(origin(OTHER_USER), id));
			assert_eq!(
				last_event(),
				Event::RequestCancelled { dataset: id, user: OTHER_USER }.into()
			);
			assert_eq!(Balances::free_balance(OTHER_USER), INITIAL_BALANCE);
			assert_eq!(Datasets::<Test>::get(id).unwrap().requests, 0);
		});
	}
}

mod grants {
	use super::*;

	#[test]
	fn a_direct_grant_replaces_the_one_before_with_one_deposit_and_one_queue_entry() {
		build_and_execute(|| {
			let id = create(Visibility::Private, &[]);
			grant(id, USER, Scope::Read, 20);
			let first = held(HoldReason::GrantDeposit, OWNER);
			grant(id, USER, Scope::Derive, 30);
			assert_eq!(held(HoldReason::GrantDeposit, OWNER), first);
			assert_eq!(Datasets::<Test>::get(id).unwrap().grants, 1);
			assert_eq!(GrantExpiries::<Test>::iter_keys().count(), 1);
			let g = Grants::<Test>::get(id, USER).unwrap();
			assert_eq!((g.scope, g.expires_at), (Scope::Derive, 30));
		});
	}

	#[test]
	fn grant_refusals() {
		build_and_execute(|| {
			let id = create(Visibility::Private, &[]);
			let public = create(Visibility::Public, &[]);
			let give = |who, dataset, user, purpose: &str, expires_at| {
				Access::grant_access(
					origin(who),
					dataset,
					user,
					Scope::Read,
					text(purpose),
					expires_at,
				)
			};
			assert_noop!(give(USER, id, OTHER_USER, "p", 10), Error::<Test>::NotOwner);
			assert_noop!(give(OWNER, 9, USER, "p", 10), Error::<Test>::DatasetNotFound);
			assert_noop!(give(OWNER, public, USER, "p", 10), Error::<Test>::DatasetIsPublic);
			assert_noop!(give(OWNER, id, OWNER, "p", 10), Error::<Test>::OwnerNeedsNoGrant);
			assert_noop!(give(OWNER, id, STRANGER, "p", 10), Error::<Test>::NotApprovedDataUser);
			assert_noop!(give(OWNER, id, USER, "", 10), Error::<Test>::EmptyPurpose);
			assert_noop!(give(OWNER, id, USER, "p", 1), Error::<Test>::ExpiryNotInFuture);
			assert_noop!(
				give(OWNER, id, USER, "p", 2 + MAX_GRANT_PERIOD),
				Error::<Test>::GrantTooLong
			);
			// An owner that cannot pay: USER takes over a dataset and gives its funds away.
			let other = create(Visibility::Private, &[]);
			assert_ok!(Access::transfer_dataset(origin(OWNER), other, USER));
			let free = Balances::free_balance(USER);
			assert_ok!(Balances::transfer_keep_alive(origin(USER), STRANGER, free - 1));
			assert_noop!(
				Access::grant_access(origin(USER), other, OTHER_USER, Scope::Read, text("p"), 10),
				Error::<Test>::InsufficientDeposit
			);
		});
	}

	#[test]
	fn revoke_takes_the_grant_away_at_once_and_refunds_whoever_paid() {
		build_and_execute(|| {
			let id = create(Visibility::Private, &[]);
			grant(id, USER, Scope::Read, 20);
			// The owner changes; the deposit stays with the one who granted.
			assert_ok!(Access::transfer_dataset(origin(OWNER), id, OTHER_USER));
			assert_noop!(Access::revoke_access(origin(OWNER), id, USER), Error::<Test>::NotOwner);
			assert_noop!(
				Access::revoke_access(origin(OTHER_USER), id, STRANGER),
				Error::<Test>::GrantNotFound
			);
			assert_ok!(Access::revoke_access(origin(OTHER_USER), id, USER));
			assert_eq!(last_event(), Event::AccessRevoked { dataset: id, user: USER }.into());
			assert_eq!(held(HoldReason::GrantDeposit, OWNER), 0);
			assert_eq!(
				check(USER, Scope::Read, AccessTarget::Dataset(id)),
				Err(AccessDenial::NoGrant)
			);
			assert_eq!(GrantExpiries::<Test>::iter_keys().count(), 0);
		});
	}

	#[test]
	fn a_grant_counts_until_the_block_before_its_expiry_and_not_at_it() {
		build_and_execute(|| {
			let id = create(Visibility::Consortium, &[]);
			grant(id, USER, Scope::Read, 20);
			System::set_block_number(19);
			assert_eq!(
				check(USER, Scope::Read, AccessTarget::Dataset(id)),
				Ok(AccessBasis::Grant { scope: Scope::Read, expires_at: 20 })
			);
			System::set_block_number(20);
			assert_eq!(
				check(USER, Scope::Read, AccessTarget::Dataset(id)),
				Err(AccessDenial::GrantExpired { at: 20 })
			);
			// Still in storage until cleaned up, but it does not count.
			assert!(Grants::<Test>::contains_key(id, USER));
		});
	}

	#[test]
	fn anyone_may_remove_an_expired_grant_and_the_granter_gets_the_deposit() {
		build_and_execute(|| {
			let id = create(Visibility::Consortium, &[]);
			grant(id, USER, Scope::Read, 20);
			System::set_block_number(19);
			assert_noop!(
				Access::remove_expired_grant(origin(STRANGER), id, USER),
				Error::<Test>::GrantNotExpired
			);
			assert_noop!(
				Access::remove_expired_grant(origin(STRANGER), id, OTHER_USER),
				Error::<Test>::GrantNotFound
			);
			System::set_block_number(20);
			assert_ok!(Access::remove_expired_grant(origin(STRANGER), id, USER));
			assert_eq!(
				last_event(),
				Event::ExpiredGrantRemoved { dataset: id, user: USER, expired_at: 20 }.into()
			);
			assert_eq!(held(HoldReason::GrantDeposit, OWNER), 0);
			assert_eq!(Datasets::<Test>::get(id).unwrap().grants, 0);
		});
	}

	#[test]
	fn on_idle_removes_expired_grants_earliest_first_within_its_bound() {
		build_and_execute(|| {
			let id = create(Visibility::Consortium, &[]);
			grant(id, OTHER_USER, Scope::Read, 12);
			grant(id, USER, Scope::Read, 11);
			grant(id, PAUPER, Scope::Read, 11);
			let later = create(Visibility::Consortium, &[]);
			grant(later, USER, Scope::Read, 30);
			let plenty = Weight::from_parts(u64::MAX / 2, u64::MAX / 2);

			// Nothing is due yet.
			assert_eq!(Access::on_idle(10, plenty), <() as WeightInfo>::expire_grants(0));
			assert_eq!(Grants::<Test>::iter().count(), 4);

			// Three are due; MaxExpiriesPerBlock is 2: the two of block 11 go first.
			System::set_block_number(13);
			assert_eq!(Access::on_idle(13, plenty), <() as WeightInfo>::expire_grants(2));
			assert!(!Grants::<Test>::contains_key(id, USER));
			assert!(!Grants::<Test>::contains_key(id, PAUPER));
			assert!(Grants::<Test>::contains_key(id, OTHER_USER));
			assert_eq!(Access::on_idle(13, plenty), <() as WeightInfo>::expire_grants(1));
			assert!(!Grants::<Test>::contains_key(id, OTHER_USER));
			assert!(Grants::<Test>::contains_key(later, USER), "not due before block 30");
			assert_eq!(
				held(HoldReason::GrantDeposit, OWNER),
				Grants::<Test>::get(later, USER).unwrap().deposit
			);
			assert!(System::events().iter().any(|e| e.event
				== Event::ExpiredGrantRemoved { dataset: id, user: OTHER_USER, expired_at: 12 }
					.into()));
		});
	}

	#[test]
	fn on_idle_does_nothing_without_the_weight_for_one_grant() {
		build_and_execute(|| {
			let id = create(Visibility::Consortium, &[]);
			grant(id, USER, Scope::Read, 11);
			System::set_block_number(11);
			let one = <() as WeightInfo>::expire_grants(1);
			let short = one.saturating_sub(Weight::from_parts(1, 0));
			assert_eq!(Access::on_idle(11, short), Weight::zero());
			assert!(Grants::<Test>::contains_key(id, USER));
			assert_eq!(Access::on_idle(11, one), one);
			assert!(!Grants::<Test>::contains_key(id, USER));
		});
	}

	#[test]
	fn grant_pages_are_bounded_and_go_on_after_the_last_grantee() {
		build_and_execute(|| {
			let id = create(Visibility::Consortium, &[]);
			approve_user(STRANGER);
			approve_user(SOURCE_OWNER);
			for user in [USER, OTHER_USER, PAUPER, STRANGER, SOURCE_OWNER] {
				grant(id, user, Scope::Read, 20);
			}
			// MaxPageSize is 3.
			let (first, next) = Access::grants_page(id, None, 10);
			assert_eq!(first.len(), 3);
			let (rest, end) = Access::grants_page(id, next, 10);
			assert_eq!(rest.len(), 2);
			assert_eq!(end, None);
			let mut users: Vec<_> = first.iter().chain(rest.iter()).map(|g| g.user).collect();
			users.sort();
			assert_eq!(users, vec![USER, OTHER_USER, SOURCE_OWNER, STRANGER, PAUPER]);
		});
	}
}

mod access {
	use super::*;

	#[test]
	fn owner_and_public_need_no_grant() {
		build_and_execute(|| {
			let private = create(Visibility::Private, &[]);
			let public = create(Visibility::Public, &[]);
			assert_eq!(
				check(OWNER, Scope::Derive, AccessTarget::Dataset(private)),
				Ok(AccessBasis::Owner)
			);
			assert_eq!(
				check(STRANGER, Scope::Derive, AccessTarget::Dataset(public)),
				Ok(AccessBasis::Public)
			);
		});
	}

	#[test]
	fn each_refusal_says_why() {
		build_and_execute(|| {
			let id = create(Visibility::Consortium, &[]);
			assert_eq!(
				check(USER, Scope::Read, AccessTarget::Dataset(9)),
				Err(AccessDenial::DatasetNotFound)
			);
			assert_eq!(
				check(
					USER,
					Scope::Read,
					AccessTarget::Record {
						dataset: id,
						record: RecordId { source: OWN_SOURCE, index: 5 }
					}
				),
				Err(AccessDenial::RecordNotFound)
			);
			assert_eq!(
				check(
					USER,
					Scope::Read,
					AccessTarget::Record { dataset: id, record: FOREIGN_RECORD }
				),
				Err(AccessDenial::RecordNotInDataset)
			);
			assert_eq!(
				check(STRANGER, Scope::Read, AccessTarget::Dataset(id)),
				Err(AccessDenial::NotApprovedDataUser)
			);
			assert_eq!(
				check(USER, Scope::Read, AccessTarget::Dataset(id)),
				Err(AccessDenial::NoGrant)
			);
			grant(id, USER, Scope::VerifyOnly, 20);
			assert_eq!(
				check(USER, Scope::Read, AccessTarget::Dataset(id)),
				Err(AccessDenial::ScopeNotGranted { granted: Scope::VerifyOnly })
			);
			assert_eq!(
				check(
					USER,
					Scope::VerifyOnly,
					AccessTarget::Record { dataset: id, record: RECORD }
				),
				Ok(AccessBasis::Grant { scope: Scope::VerifyOnly, expires_at: 20 })
			);
			// A suspended data user's grant stops counting.
			suspend_user(USER);
			assert_eq!(
				check(USER, Scope::VerifyOnly, AccessTarget::Dataset(id)),
				Err(AccessDenial::NotApprovedDataUser)
			);
		});
	}

	#[test]
	fn scopes_include_the_narrower_ones() {
		assert!(Scope::Derive.covers(Scope::Read));
		assert!(Scope::Derive.covers(Scope::VerifyOnly));
		assert!(Scope::Read.covers(Scope::VerifyOnly));
		assert!(Scope::Read.covers(Scope::Read));
		assert!(!Scope::Read.covers(Scope::Derive));
		assert!(!Scope::VerifyOnly.covers(Scope::Read));
	}
}

mod keys {
	use super::*;

	fn proof(who: AccountId, key: [u8; 32]) -> TestSignature {
		TestSignature(who, Access::key_proof_message(&who, &key))
	}

	#[test]
	fn the_proof_message_binds_tag_genesis_account_and_key() {
		build_and_execute(|| {
			let m = Access::key_proof_message(&USER, &[9; 32]);
			let tag = crate::keys::KEY_PROOF_TAG;
			assert_eq!(&m[..tag.len()], tag);
			let genesis = System::block_hash(0);
			assert_eq!(&m[tag.len()..tag.len() + 32], genesis.as_ref());
			assert_eq!(&m[tag.len() + 32..tag.len() + 40], &USER.to_le_bytes());
			assert_eq!(&m[tag.len() + 40..], &[9; 32]);
			assert_ne!(m, Access::key_proof_message(&OTHER_USER, &[9; 32]));
		});
	}

	#[test]
	fn register_replace_and_remove_a_key() {
		build_and_execute(|| {
			assert_ok!(Access::register_encryption_key(
				origin(USER),
				[1; 32],
				proof(USER, [1; 32])
			));
			assert_eq!(
				last_event(),
				Event::EncryptionKeyRegistered { who: USER, key: [1; 32] }.into()
			);
			assert_eq!(Access::encryption_key(&USER), Some([1; 32]));
			let deposit = EncryptionKeys::<Test>::get(USER).unwrap().deposit;
			assert_eq!(held(HoldReason::KeyDeposit, USER), deposit);

			assert_ok!(Access::register_encryption_key(
				origin(USER),
				[2; 32],
				proof(USER, [2; 32])
			));
			assert_eq!(Access::encryption_key(&USER), Some([2; 32]));
			assert_eq!(held(HoldReason::KeyDeposit, USER), deposit, "one deposit per account");

			assert_ok!(Access::remove_encryption_key(origin(USER)));
			assert_eq!(last_event(), Event::EncryptionKeyRemoved { who: USER }.into());
			assert_eq!(Access::encryption_key(&USER), None);
			assert_eq!(Balances::free_balance(USER), INITIAL_BALANCE);
			assert_noop!(Access::remove_encryption_key(origin(USER)), Error::<Test>::KeyNotFound);
		});
	}

	#[test]
	fn key_refusals() {
		build_and_execute(|| {
			assert_noop!(
				Access::register_encryption_key(origin(USER), [0; 32], proof(USER, [0; 32])),
				Error::<Test>::InvalidKey
			);
			// Signed by someone else, over another key, or for another account.
			assert_noop!(
				Access::register_encryption_key(origin(USER), [1; 32], proof(OTHER_USER, [1; 32])),
				Error::<Test>::InvalidKeyProof
			);
			assert_noop!(
				Access::register_encryption_key(origin(USER), [1; 32], proof(USER, [2; 32])),
				Error::<Test>::InvalidKeyProof
			);
			assert_noop!(
				Access::register_encryption_key(
					origin(USER),
					[1; 32],
					TestSignature(USER, Access::key_proof_message(&OTHER_USER, &[1; 32]))
				),
				Error::<Test>::InvalidKeyProof
			);
			assert_noop!(
				Access::register_encryption_key(origin(PAUPER), [1; 32], proof(PAUPER, [1; 32])),
				Error::<Test>::InsufficientDeposit
			);
		});
	}
}

#[test]
fn unsigned_origins_are_refused_everywhere() {
	build_and_execute(|| {
		let none = RuntimeOrigin::none();
		assert_noop!(
			Access::create_dataset(
				none.clone(),
				text("t"),
				text(""),
				FORMAT,
				Visibility::Public,
				sources(&[OWN_SOURCE]),
				parents(&[])
			),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			Access::remove_expired_grant(none.clone(), 0, USER),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(Access::remove_encryption_key(none), sp_runtime::DispatchError::BadOrigin);
	});
}
