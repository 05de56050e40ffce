//! The runtime APIs: what the node and clients may ask the runtime.

use crate::{
	AccessPermissions, AccountId, Aura, Balance, Block, BlockNumber, DataRegistry, Executive,
	Grandpa, InherentDataExt, Nonce, OperatorConfig, Runtime, RuntimeCall, RuntimeGenesisConfig,
	SessionKeys, SupervisorAudit, System, TransactionPayment, VERSION,
};
use alloc::vec::Vec;
use dmchain_primitives::{
	AnchorPage, RecordCursor, RecordId, RecordPage, RecordView, SourceId, SourceView,
};
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	weights::Weight,
};
use pallet_grandpa::AuthorityId as GrandpaId;
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult,
};
use sp_session::OpaqueGeneratedSessionKeys;
use sp_version::RuntimeVersion;

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl frame_support::view_functions::runtime_api::RuntimeViewFunction<Block> for Runtime {
		fn execute_view_function(
			id: frame_support::view_functions::ViewFunctionId,
			input: Vec<u8>,
		) -> Result<Vec<u8>, frame_support::view_functions::ViewFunctionDispatchError> {
			Runtime::execute_view_function(id, input)
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(owner: Vec<u8>, seed: Option<Vec<u8>>) -> OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			_key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			// Equivocation reports need a session/historical pallet; a permissioned chain deals
			// with a misbehaving validator through governance instead.
			None
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			_authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			None
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}
		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}
		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_data_registry_runtime_api::DataRegistryApi<Block, AccountId, Balance, BlockNumber>
		for Runtime
	{
		fn record(id: RecordId) -> Option<RecordView<AccountId, BlockNumber>> {
			DataRegistry::record(id)
		}

		fn records_by_hash(
			digest: [u8; 32],
			after: Option<RecordId>,
			limit: u32,
		) -> AnchorPage<AccountId, BlockNumber> {
			DataRegistry::records_by_hash(digest, after, limit)
		}

		fn source_records(
			source: SourceId,
			cursor: RecordCursor,
			limit: u32,
		) -> RecordPage<AccountId, BlockNumber> {
			DataRegistry::source_records(source, cursor, limit)
		}

		fn source(id: SourceId) -> Option<SourceView<AccountId, Balance, BlockNumber>> {
			DataRegistry::source(id)
		}

		fn source_anomalies(
			after: Option<SourceId>,
			limit: u32,
		) -> dmchain_primitives::AnomalyPage {
			DataRegistry::source_anomalies(after, limit)
		}
	}

	impl pallet_supervisor_audit_runtime_api::SupervisorAuditApi<Block, AccountId, BlockNumber>
		for Runtime
	{
		fn flag(
			id: dmchain_primitives::FlagId,
		) -> Option<dmchain_primitives::FlagView<AccountId, BlockNumber>> {
			SupervisorAudit::flag_view(id)
		}

		fn flags(
			subject: Option<dmchain_primitives::Subject>,
			after: Option<dmchain_primitives::FlagId>,
			limit: u32,
		) -> dmchain_primitives::AuditPage<dmchain_primitives::FlagView<AccountId, BlockNumber>> {
			SupervisorAudit::flags(subject, after, limit)
		}

		fn case(
			id: dmchain_primitives::CaseId,
		) -> Option<dmchain_primitives::CaseView<AccountId, BlockNumber>> {
			SupervisorAudit::case_view(id)
		}

		fn cases(
			filter: dmchain_primitives::CaseFilter,
			after: Option<dmchain_primitives::CaseId>,
			limit: u32,
		) -> dmchain_primitives::AuditPage<dmchain_primitives::CaseView<AccountId, BlockNumber>> {
			SupervisorAudit::cases(filter, after, limit)
		}

		fn record_verdict(
			id: RecordId,
			digest: Option<[u8; 32]>,
		) -> dmchain_primitives::RecordVerdict<BlockNumber> {
			SupervisorAudit::record_verdict(id, digest)
		}
	}

	impl pallet_access_permissions_runtime_api::AccessPermissionsApi<
		Block,
		AccountId,
		BlockNumber,
		Balance,
	> for Runtime
	{
		fn access(
			user: AccountId,
			scope: dmchain_primitives::Scope,
			target: dmchain_primitives::AccessTarget,
		) -> Result<
			dmchain_primitives::AccessBasis<BlockNumber>,
			dmchain_primitives::AccessDenial<BlockNumber>,
		> {
			AccessPermissions::access(&user, scope, target)
		}

		fn dataset(
			id: dmchain_primitives::DatasetId,
		) -> Option<dmchain_primitives::DatasetView<AccountId, BlockNumber, Balance>> {
			AccessPermissions::dataset_view(id)
		}

		fn datasets(
			viewer: Option<AccountId>,
			after: Option<dmchain_primitives::DatasetId>,
			limit: u32,
		) -> dmchain_primitives::AuditPage<
			dmchain_primitives::DatasetView<AccountId, BlockNumber, Balance>,
		> {
			AccessPermissions::datasets_page(viewer.as_ref(), after, limit)
		}

		fn provenance(id: dmchain_primitives::DatasetId) -> Option<dmchain_primitives::Provenance> {
			AccessPermissions::provenance(id)
		}

		fn grants(
			dataset: dmchain_primitives::DatasetId,
			after: Option<AccountId>,
			limit: u32,
		) -> (Vec<dmchain_primitives::GrantView<AccountId, BlockNumber>>, Option<AccountId>) {
			AccessPermissions::grants_page(dataset, after, limit)
		}

		fn requests(
			dataset: dmchain_primitives::DatasetId,
		) -> Vec<dmchain_primitives::RequestView<AccountId, BlockNumber>> {
			AccessPermissions::requests_of(dataset)
		}

		fn encryption_key(who: AccountId) -> Option<[u8; 32]> {
			AccessPermissions::encryption_key(&who)
		}

		fn key_epochs(
			dataset: dmchain_primitives::DatasetId,
		) -> Option<dmchain_primitives::KeyEpochView> {
			AccessPermissions::key_epochs(dataset)
		}

		fn wrapped_key(
			dataset: dmchain_primitives::DatasetId,
			epoch: u32,
			who: AccountId,
		) -> Option<Vec<u8>> {
			AccessPermissions::wrapped_key(dataset, epoch, &who).map(|key| key.to_vec())
		}

		fn receipts(
			of: dmchain_primitives::ReceiptsOf<AccountId>,
			from: BlockNumber,
			to: Option<BlockNumber>,
			cursor: Option<u64>,
			limit: u32,
		) -> dmchain_primitives::ReceiptPage<AccountId, BlockNumber> {
			AccessPermissions::receipts_page(of, from, to, cursor, limit)
		}
	}

	impl pallet_operator_config_runtime_api::OperatorConfigApi<Block, AccountId, BlockNumber>
		for Runtime
	{
		fn parameters() -> dmchain_primitives::DataParameters {
			<OperatorConfig as dmchain_primitives::CurrentParameters>::current()
		}

		fn parameter_history(
			from: u32,
			limit: u32,
		) -> Vec<(u32, dmchain_primitives::ParameterChange<AccountId, BlockNumber>)> {
			OperatorConfig::parameter_history(from, limit)
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use super::*;
			use crate::benchmarks::*;
			use frame_benchmarking::BenchmarkList;
			use frame_support::traits::StorageInfoTrait;

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);
			(list, crate::AllPalletsWithSystem::storage_info())
		}

		#[allow(non_local_definitions)]
		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use super::*;
			use crate::benchmarks::*;
			use frame_benchmarking::BenchmarkBatch;
			use frame_support::traits::WhitelistedStorageKeys;
			use sp_storage::TrackedStorageKey;

			impl frame_system_benchmarking::Config for Runtime {}
			impl frame_benchmarking::baseline::Config for Runtime {}
			impl pallet_transaction_payment::BenchmarkConfig for Runtime {}

			let whitelist: Vec<TrackedStorageKey> =
				crate::AllPalletsWithSystem::whitelisted_storage_keys();
			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);
			Ok(batches)
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			// try-runtime is an off-chain tool: a failed check must stop it with a backtrace.
			let weight = Executive::try_runtime_upgrade(checks).expect("runtime upgrade checks pass");
			(weight, crate::configs::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			Executive::try_execute_block(block, state_root_check, signature_check, select)
				.expect("try-runtime block execution succeeds")
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, crate::genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			crate::genesis_config_presets::preset_names()
		}
	}
}
