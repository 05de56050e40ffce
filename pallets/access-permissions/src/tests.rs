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
			System::assert_has_event(Event::AccessRevoked { dataset: id, user: USER }.into());
			// A grant that read has ended: new records go under the next key epoch.
			assert_eq!(last_event(), Event::KeyEpochRotated { dataset: id, epoch: 1 }.into());
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
			System::assert_has_event(
				Event::ExpiredGrantRemoved { dataset: id, user: USER, expired_at: 20 }.into(),
			);
			assert_eq!(last_event(), Event::KeyEpochRotated { dataset: id, epoch: 1 }.into());
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

/// Registers `who`'s encryption key `[who as u8; 32]`.
fn register_key(who: AccountId) {
	let key = [who as u8; 32];
	assert_ok!(Access::register_encryption_key(
		origin(who),
		key,
		TestSignature(who, Access::key_proof_message(&who, &key))
	));
}

mod epochs {
	use super::*;
	use crate::{
		pallet::{DatasetKeyEpochs, WrappedKeys},
		types::{KeyEpochs, WRAPPED_KEY_LEN},
	};
	use dmchain_primitives::KeyEpochView;

	type Wraps = BoundedVec<(AccountId, [u8; WRAPPED_KEY_LEN]), frame_support::traits::ConstU32<3>>;
	type Recipients = BoundedVec<AccountId, frame_support::traits::ConstU32<3>>;

	fn wraps(recipients: &[AccountId]) -> Wraps {
		recipients
			.iter()
			.map(|r| (*r, [*r as u8; WRAPPED_KEY_LEN]))
			.collect::<Vec<_>>()
			.try_into()
			.unwrap()
	}

	fn recipients(r: &[AccountId]) -> Recipients {
		r.to_vec().try_into().unwrap()
	}

	fn epoch(id: DatasetId) -> u32 {
		DatasetKeyEpochs::<Test>::get(id).epoch
	}

	/// A consortium dataset of `OWNER` over `OWN_SOURCE` (owned by `SOURCE_OWNER`), with keys
	/// registered for `OWNER`, `SOURCE_OWNER`, `USER` and `OTHER_USER`.
	fn dataset_with_keys() -> DatasetId {
		let id = create(Visibility::Consortium, &[]);
		for who in [OWNER, SOURCE_OWNER, USER, OTHER_USER] {
			register_key(who);
		}
		id
	}

	#[test]
	fn the_owner_wraps_the_epoch_key_for_itself_the_writers_and_reading_grantees() {
		build_and_execute(|| {
			let id = dataset_with_keys();
			assert_eq!(Access::key_epochs(id), Some(KeyEpochView { epoch: 0, wrapped: 0 }));
			grant(id, USER, Scope::Read, 50);
			assert_ok!(Access::set_wrapped_keys(
				origin(OWNER),
				id,
				0,
				wraps(&[OWNER, SOURCE_OWNER, USER])
			));
			for who in [OWNER, SOURCE_OWNER, USER] {
				System::assert_has_event(
					Event::DatasetKeyWrapped { dataset: id, epoch: 0, recipient: who }.into(),
				);
				assert_eq!(Access::wrapped_key(id, 0, &who), Some([who as u8; WRAPPED_KEY_LEN]));
			}
			assert_eq!(Access::wrapped_key(id, 0, &OTHER_USER), None);
			assert_eq!(Access::key_epochs(id), Some(KeyEpochView { epoch: 0, wrapped: 3 }));
			let entry = WrappedKeys::<Test>::get((id, 0), USER).unwrap();
			assert_eq!((entry.depositor, entry.stored_at), (OWNER, 1));
			assert_eq!(held(HoldReason::WrappedKeyDeposit, OWNER), 3 * entry.deposit);
			assert!(entry.deposit > DEPOSIT_BASE + WRAPPED_KEY_LEN as u64);
			assert_eq!(Access::key_epochs(99), None);
		});
	}

	#[test]
	fn wrapping_is_refused_for_each_reason() {
		build_and_execute(|| {
			let id = dataset_with_keys();
			grant(id, USER, Scope::Read, 50);
			grant(id, OTHER_USER, Scope::VerifyOnly, 50);
			let set = |who, dataset, epoch, r: &[AccountId]| {
				Access::set_wrapped_keys(origin(who), dataset, epoch, wraps(r))
			};
			assert_noop!(set(USER, id, 0, &[USER]), Error::<Test>::NotOwner);
			assert_noop!(set(OWNER, 99, 0, &[USER]), Error::<Test>::DatasetNotFound);
			assert_noop!(set(OWNER, id, 0, &[]), Error::<Test>::NoRecipients);
			assert_noop!(
				Access::set_wrapped_keys(
					origin(OWNER),
					id,
					0,
					vec![(USER, [1; WRAPPED_KEY_LEN]), (USER, [2; WRAPPED_KEY_LEN])]
						.try_into()
						.unwrap()
				),
				Error::<Test>::DuplicateRecipient
			);
			assert_noop!(set(OWNER, id, 1, &[USER]), Error::<Test>::FutureEpoch);
			// A verify-only grantee checks hashes; it gets no key.
			assert_noop!(set(OWNER, id, 0, &[OTHER_USER]), Error::<Test>::NotKeyHolder);
			// No grant, no source.
			assert_noop!(set(OWNER, id, 0, &[STRANGER]), Error::<Test>::NotKeyHolder);
			// A reading grantee without an encryption key.
			grant(id, PAUPER, Scope::Read, 50);
			assert_noop!(set(OWNER, id, 0, &[PAUPER]), Error::<Test>::KeyNotFound);
			// An expired grant counts no more, at its expiry block.
			System::set_block_number(50);
			assert_noop!(set(OWNER, id, 0, &[USER]), Error::<Test>::NotKeyHolder);
			// An owner that cannot pay.
			let free = Balances::free_balance(OWNER);
			assert_ok!(Balances::transfer_keep_alive(origin(OWNER), STRANGER, free - 1));
			assert_noop!(set(OWNER, id, 0, &[OWNER]), Error::<Test>::InsufficientDeposit);
		});
	}

	#[test]
	fn wrapping_again_replaces_the_key_in_place_and_its_payer_keeps_the_deposit() {
		build_and_execute(|| {
			let id = dataset_with_keys();
			assert_ok!(Access::set_wrapped_keys(origin(OWNER), id, 0, wraps(&[SOURCE_OWNER])));
			let deposit = held(HoldReason::WrappedKeyDeposit, OWNER);
			assert_ok!(Access::transfer_dataset(origin(OWNER), id, USER));
			System::set_block_number(3);
			let replaced: Wraps = vec![(SOURCE_OWNER, [42; WRAPPED_KEY_LEN])].try_into().unwrap();
			assert_ok!(Access::set_wrapped_keys(origin(USER), id, 0, replaced));
			assert_eq!(Access::wrapped_key(id, 0, &SOURCE_OWNER), Some([42; WRAPPED_KEY_LEN]));
			let entry = WrappedKeys::<Test>::get((id, 0), SOURCE_OWNER).unwrap();
			assert_eq!((entry.depositor, entry.deposit, entry.stored_at), (OWNER, deposit, 3));
			assert_eq!(DatasetKeyEpochs::<Test>::get(id).wrapped, 1);
			assert_eq!(held(HoldReason::WrappedKeyDeposit, OWNER), deposit);
			assert_eq!(held(HoldReason::WrappedKeyDeposit, USER), 0);
		});
	}

	#[test]
	fn a_revoked_reader_keeps_old_epochs_and_gets_no_key_of_the_next() {
		build_and_execute(|| {
			let id = dataset_with_keys();
			grant(id, USER, Scope::Read, 50);
			grant(id, OTHER_USER, Scope::Derive, 50);
			assert_ok!(Access::set_wrapped_keys(origin(OWNER), id, 0, wraps(&[USER, OTHER_USER])));
			assert_ok!(Access::revoke_access(origin(OWNER), id, OTHER_USER));
			assert_eq!(epoch(id), 1);
			System::assert_last_event(Event::KeyEpochRotated { dataset: id, epoch: 1 }.into());
			// What it was given it keeps; the next epoch is wrapped for the others only.
			assert!(Access::wrapped_key(id, 0, &OTHER_USER).is_some());
			assert_noop!(
				Access::set_wrapped_keys(origin(OWNER), id, 1, wraps(&[OTHER_USER])),
				Error::<Test>::NotKeyHolder
			);
			assert_ok!(Access::set_wrapped_keys(origin(OWNER), id, 1, wraps(&[USER])));
			assert_eq!(Access::key_epochs(id), Some(KeyEpochView { epoch: 1, wrapped: 3 }));
		});
	}

	#[test]
	fn the_epoch_moves_on_only_when_a_grant_that_reads_ends() {
		build_and_execute(|| {
			let id = dataset_with_keys();
			// A verify-only grant ending changes nothing.
			grant(id, USER, Scope::VerifyOnly, 50);
			assert_ok!(Access::revoke_access(origin(OWNER), id, USER));
			assert_eq!(epoch(id), 0);
			// Read replaced by read or derive: the grantee may still read.
			grant(id, USER, Scope::Read, 50);
			grant(id, USER, Scope::Derive, 60);
			assert_eq!(epoch(id), 0);
			// Narrowed to verify-only: it may read no more.
			grant(id, USER, Scope::VerifyOnly, 60);
			assert_eq!(epoch(id), 1);
			// Expiry cleaned up by on_idle.
			grant(id, OTHER_USER, Scope::Read, 20);
			System::set_block_number(20);
			Access::on_idle(20, Weight::from_parts(u64::MAX / 2, u64::MAX / 2));
			assert_eq!(epoch(id), 2);
			System::assert_has_event(
				Event::ExpiredGrantRemoved { dataset: id, user: OTHER_USER, expired_at: 20 }.into(),
			);
		});
	}

	#[test]
	fn the_owner_rotates_the_epoch_by_hand() {
		build_and_execute(|| {
			let id = dataset_with_keys();
			assert_noop!(Access::rotate_key_epoch(origin(USER), id), Error::<Test>::NotOwner);
			assert_noop!(
				Access::rotate_key_epoch(origin(OWNER), 99),
				Error::<Test>::DatasetNotFound
			);
			assert_ok!(Access::rotate_key_epoch(origin(OWNER), id));
			System::assert_last_event(Event::KeyEpochRotated { dataset: id, epoch: 1 }.into());
			DatasetKeyEpochs::<Test>::insert(id, KeyEpochs { epoch: u32::MAX, wrapped: 0 });
			assert_noop!(
				Access::rotate_key_epoch(origin(OWNER), id),
				Error::<Test>::EpochsExhausted
			);
			// A revocation that cannot rotate is refused as a whole: the grant stays.
			grant(id, USER, Scope::Read, 50);
			assert_noop!(
				Access::revoke_access(origin(OWNER), id, USER),
				Error::<Test>::EpochsExhausted
			);
		});
	}

	#[test]
	fn wrapped_keys_are_removed_by_the_owner_or_their_payer_and_the_dataset_after_them() {
		build_and_execute(|| {
			let id = dataset_with_keys();
			grant(id, USER, Scope::Read, 50);
			assert_ok!(Access::set_wrapped_keys(origin(OWNER), id, 0, wraps(&[OWNER, USER])));
			let remove = |who, dataset, r: &[AccountId]| {
				Access::remove_wrapped_keys(origin(who), dataset, 0, recipients(r))
			};
			assert_noop!(remove(OWNER, 99, &[USER]), Error::<Test>::DatasetNotFound);
			assert_noop!(remove(OWNER, id, &[]), Error::<Test>::NoRecipients);
			assert_noop!(remove(OWNER, id, &[USER, USER]), Error::<Test>::DuplicateRecipient);
			assert_noop!(remove(OWNER, id, &[STRANGER]), Error::<Test>::WrappedKeyNotFound);
			assert_noop!(remove(STRANGER, id, &[USER]), Error::<Test>::NotOwnerOrDepositor);

			assert_ok!(Access::revoke_access(origin(OWNER), id, USER));
			assert_noop!(Access::remove_dataset(origin(OWNER), id), Error::<Test>::HasWrappedKeys);
			// The payer may remove after a transfer; so may the new owner.
			assert_ok!(Access::transfer_dataset(origin(OWNER), id, OTHER_USER));
			assert_ok!(remove(OWNER, id, &[USER]));
			System::assert_last_event(
				Event::WrappedKeyRemoved { dataset: id, epoch: 0, recipient: USER }.into(),
			);
			assert_ok!(remove(OTHER_USER, id, &[OWNER]));
			assert_eq!(held(HoldReason::WrappedKeyDeposit, OWNER), 0);
			assert_eq!(Access::key_epochs(id), Some(KeyEpochView { epoch: 1, wrapped: 0 }));
			assert_ok!(Access::remove_dataset(origin(OTHER_USER), id));
			assert!(!DatasetKeyEpochs::<Test>::contains_key(id));
		});
	}
}

mod receipts {
	use super::*;
	use crate::pallet::{
		DatasetReceiptRange, NextReceiptId, OldestReceipt, Receipts, UserReceiptRange,
	};
	use dmchain_primitives::{ReceiptPage, ReceiptsOf};

	fn record(who: AccountId, target: AccessTarget, grantee: AccountId, hash: u8) -> u64 {
		let id = NextReceiptId::<Test>::get();
		assert_ok!(Access::record_receipt(origin(who), target, grantee, Scope::Read, [hash; 32]));
		id
	}

	fn ids(page: &ReceiptPage<AccountId, u64>) -> Vec<u64> {
		page.items.iter().map(|r| r.id).collect()
	}

	#[test]
	fn a_grantee_records_what_it_was_served_and_pays_the_deposit() {
		build_and_execute(|| {
			let id = create(Visibility::Private, &[]);
			grant(id, USER, Scope::Read, 50);
			System::set_block_number(4);
			let target = AccessTarget::Record { dataset: id, record: RECORD };
			assert_ok!(Access::record_receipt(origin(USER), target, USER, Scope::Read, [7; 32]));
			System::assert_last_event(
				Event::ReceiptRecorded { id: 0, target, grantee: USER, delivered: [7; 32] }.into(),
			);
			let r = Receipts::<Test>::get(0).unwrap();
			assert_eq!(
				(r.target, r.grantee, r.served_by, r.scope),
				(target, USER, USER, Scope::Read)
			);
			assert_eq!((r.at, r.moment, r.delivered), (4, 24_000, [7; 32]));
			assert_eq!(r.deposit, Access::receipt_deposit(&r));
			assert_eq!(held(HoldReason::ReceiptDeposit, USER), r.deposit);
			assert_eq!(DatasetReceiptRange::<Test>::get(id).len(), 1);
			assert_eq!(UserReceiptRange::<Test>::get(USER).len(), 1);
			// The owner may record that it served a grantee, and pays for it.
			record(OWNER, AccessTarget::Dataset(id), USER, 8);
			assert_eq!(Receipts::<Test>::get(1).unwrap().served_by, OWNER);
			assert!(held(HoldReason::ReceiptDeposit, OWNER) > 0);
		});
	}

	#[test]
	fn a_receipt_without_a_valid_grant_is_refused() {
		build_and_execute(|| {
			let id = create(Visibility::Consortium, &[]);
			grant(id, USER, Scope::VerifyOnly, 20);
			let dataset = AccessTarget::Dataset(id);
			let rec = |who, target, grantee, scope| {
				Access::record_receipt(origin(who), target, grantee, scope, [1; 32])
			};
			assert_noop!(
				rec(USER, AccessTarget::Dataset(99), USER, Scope::Read),
				Error::<Test>::DatasetNotFound
			);
			assert_noop!(rec(STRANGER, dataset, USER, Scope::Read), Error::<Test>::NotReceiptParty);
			assert_noop!(
				rec(USER, dataset, OTHER_USER, Scope::Read),
				Error::<Test>::NotReceiptParty
			);
			assert_noop!(
				rec(OTHER_USER, dataset, OTHER_USER, Scope::Read),
				Error::<Test>::NoValidGrant
			);
			assert_noop!(rec(USER, dataset, USER, Scope::Read), Error::<Test>::NoValidGrant);
			assert_ok!(rec(USER, dataset, USER, Scope::VerifyOnly));
			let missing = RecordId { source: OWN_SOURCE, index: 99 };
			assert_noop!(
				rec(
					USER,
					AccessTarget::Record { dataset: id, record: missing },
					USER,
					Scope::VerifyOnly
				),
				Error::<Test>::RecordNotFound
			);
			assert_noop!(
				rec(
					USER,
					AccessTarget::Record { dataset: id, record: FOREIGN_RECORD },
					USER,
					Scope::VerifyOnly
				),
				Error::<Test>::RecordNotInDataset
			);
			grant(id, PAUPER, Scope::Read, 20);
			assert_noop!(
				rec(PAUPER, dataset, PAUPER, Scope::Read),
				Error::<Test>::InsufficientDeposit
			);
			// At the expiry block the grant counts no more.
			System::set_block_number(20);
			assert_noop!(rec(USER, dataset, USER, Scope::VerifyOnly), Error::<Test>::NoValidGrant);
		});
	}

	#[test]
	fn receipt_ids_run_out_with_an_error() {
		build_and_execute(|| {
			let id = create(Visibility::Private, &[]);
			grant(id, USER, Scope::Read, 20);
			NextReceiptId::<Test>::put(u64::MAX);
			OldestReceipt::<Test>::put(u64::MAX);
			assert_noop!(
				Access::record_receipt(
					origin(USER),
					AccessTarget::Dataset(id),
					USER,
					Scope::Read,
					[1; 32]
				),
				Error::<Test>::ReceiptIdsExhausted
			);
		});
	}

	#[test]
	fn receipts_are_listed_per_dataset_and_per_user_by_block_range_in_pages() {
		build_and_execute(|| {
			let a = create(Visibility::Private, &[]);
			let b = create(Visibility::Private, &[]);
			for d in [a, b] {
				grant(d, USER, Scope::Read, 500);
				grant(d, OTHER_USER, Scope::Read, 500);
			}
			// Blocks 2..=7: a/USER, b/USER, a/OTHER_USER, a/USER, b/OTHER_USER, a/USER.
			let plan =
				[(a, USER), (b, USER), (a, OTHER_USER), (a, USER), (b, OTHER_USER), (a, USER)];
			for (i, (d, user)) in plan.into_iter().enumerate() {
				System::set_block_number(2 + i as u64);
				record(user, AccessTarget::Dataset(d), user, i as u8);
			}
			let page =
				|of, from, to, cursor, limit| Access::receipts_page(of, from, to, cursor, limit);
			// Dataset a: receipts 0, 2, 3, 5; pages of at most MaxPageSize (3).
			let first = page(ReceiptsOf::Dataset(a), 0, None, None, 10);
			assert_eq!(ids(&first), vec![0, 2, 3]);
			let rest = page(ReceiptsOf::Dataset(a), 0, None, first.next, 10);
			assert_eq!((ids(&rest), rest.next), (vec![5], None));
			// From block 4 (receipt 2) to block 5 (receipt 3).
			let range = page(ReceiptsOf::Dataset(a), 4, Some(5), None, 10);
			assert_eq!((ids(&range), range.next), (vec![2, 3], None));
			// User USER over both datasets: 0, 1, 3, 5; from block 3.
			let user = page(ReceiptsOf::User(USER), 3, None, None, 2);
			assert_eq!(ids(&user), vec![1, 3]);
			assert_eq!(ids(&page(ReceiptsOf::User(USER), 3, None, user.next, 2)), vec![5]);
			let view = &user.items[0];
			assert_eq!(
				(view.target, view.grantee, view.at, view.delivered),
				(AccessTarget::Dataset(b), USER, 3, [1; 32])
			);
			assert!(page(ReceiptsOf::User(STRANGER), 0, None, None, 10).items.is_empty());
			assert!(page(ReceiptsOf::Dataset(a), 8, None, None, 10).items.is_empty());
		});
	}

	#[test]
	fn anyone_prunes_receipts_past_retention_oldest_first_and_payers_get_deposits_back() {
		build_and_execute(|| {
			let id = create(Visibility::Private, &[]);
			grant(id, USER, Scope::Read, 500);
			grant(id, OTHER_USER, Scope::Read, 500);
			record(USER, AccessTarget::Dataset(id), USER, 0);
			System::set_block_number(2);
			record(OTHER_USER, AccessTarget::Dataset(id), OTHER_USER, 1);
			record(USER, AccessTarget::Dataset(id), USER, 2);
			assert_noop!(
				Access::prune_receipts(origin(STRANGER), 5),
				Error::<Test>::NothingToPrune
			);
			System::set_block_number(1 + RECEIPT_RETENTION);
			assert_noop!(
				Access::prune_receipts(origin(STRANGER), 0),
				Error::<Test>::NothingToPrune
			);
			// Only receipt 0 is old enough.
			assert_ok!(Access::prune_receipts(origin(STRANGER), 5));
			System::assert_last_event(Event::ReceiptsPruned { count: 1, oldest: 1 }.into());
			assert_eq!(OldestReceipt::<Test>::get(), 1);
			assert_eq!(DatasetReceiptRange::<Test>::get(id).first, 1);
			// The dataset goes; its receipts stay until pruned.
			assert_ok!(Access::revoke_access(origin(OWNER), id, USER));
			assert_ok!(Access::revoke_access(origin(OWNER), id, OTHER_USER));
			assert_ok!(Access::remove_dataset(origin(OWNER), id));
			assert_eq!(
				ids(&Access::receipts_page(ReceiptsOf::Dataset(id), 0, None, None, 5)),
				vec![1, 2]
			);
			System::set_block_number(2 + RECEIPT_RETENTION);
			// At most MaxReceiptsPruned (2) a call; here 2 are left.
			let info = Access::prune_receipts(origin(STRANGER), 9).unwrap();
			assert_eq!(info.actual_weight, Some(<() as WeightInfo>::prune_receipts(2)));
			assert_eq!(held(HoldReason::ReceiptDeposit, USER), 0);
			assert_eq!(held(HoldReason::ReceiptDeposit, OTHER_USER), 0);
			assert!(!DatasetReceiptRange::<Test>::contains_key(id));
			assert!(!UserReceiptRange::<Test>::contains_key(USER));
			assert_eq!(Receipts::<Test>::iter().count(), 0);
			assert_noop!(
				Access::prune_receipts(origin(STRANGER), 1),
				Error::<Test>::NothingToPrune
			);
		});
	}
}
