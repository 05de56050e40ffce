//! Governance: sudo on dev and test chains (a council can take over the same origins later).

use crate::{Runtime, RuntimeCall};

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = crate::RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}
