//! Data formats (D3.7 ACQ-2, CTL-2, CTL-4): operators register versioned formats and deprecate
//! them; the registry checks records against them through [`DataFormats`]. A registered format
//! is never changed: a new version is a new format.

use crate::{
	pallet::{
		Config, Error, Event, Formats, HoldReason, LatestFormatVersion, NextFormatId, Pallet,
	},
	types::{FieldSpecOf, FormatInfo, FormatSpecOf, FormatStatus},
};
use dmchain_primitives::{
	ContentHash, DataFormats, FieldType, FormatId, FormatTerms, FormatUnusable, FormatViolation,
	MetadataEntry,
};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision},
};
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// Registers `spec`, by `operator` (holding its deposit) or at genesis (`None`); returns
	/// its id.
	pub(crate) fn do_register_format(
		operator: Option<T::AccountId>,
		spec: FormatSpecOf<T>,
	) -> Result<FormatId, DispatchError> {
		Self::check_format(&spec)?;
		if let Some((latest, _)) = LatestFormatVersion::<T>::get(&spec.name) {
			ensure!(spec.version > latest, Error::<T>::FormatVersionNotNewer);
		}
		let id = NextFormatId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::FormatIdsExhausted)?;
		let deposit = match &operator {
			Some(who) if !T::FormatDeposit::get().is_zero() => {
				T::Currency::hold(&HoldReason::FormatDeposit.into(), who, T::FormatDeposit::get())
					.map_err(|_| Error::<T>::InsufficientDeposit)?;
				T::FormatDeposit::get()
			},
			_ => Zero::zero(),
		};
		LatestFormatVersion::<T>::insert(&spec.name, (spec.version, id));
		Self::deposit_event(Event::FormatRegistered {
			format: id,
			name: spec.name.clone(),
			version: spec.version,
			by: operator.clone(),
		});
		Formats::<T>::insert(
			id,
			FormatInfo {
				spec,
				status: FormatStatus::Active,
				registered_by: operator,
				deposit,
				registered_at: frame_system::Pallet::<T>::block_number(),
				sources: 0,
			},
		);
		NextFormatId::<T>::put(next);
		Ok(id)
	}

	pub(crate) fn do_deprecate_format(operator: T::AccountId, format: FormatId) -> DispatchResult {
		Formats::<T>::try_mutate(format, |entry| {
			let info = entry.as_mut().ok_or(Error::<T>::FormatNotFound)?;
			ensure!(info.status == FormatStatus::Active, Error::<T>::FormatAlreadyDeprecated);
			info.status = FormatStatus::Deprecated;
			Ok::<_, DispatchError>(())
		})?;
		Self::deposit_event(Event::FormatDeprecated { format, by: operator });
		Ok(())
	}

	pub(crate) fn do_remove_format(operator: T::AccountId, format: FormatId) -> DispatchResult {
		let info = Formats::<T>::get(format).ok_or(Error::<T>::FormatNotFound)?;
		ensure!(info.status == FormatStatus::Deprecated, Error::<T>::FormatNotDeprecated);
		ensure!(info.sources == 0, Error::<T>::FormatInUse);
		Formats::<T>::remove(format);
		if let Some(owner) = &info.registered_by {
			if !info.deposit.is_zero() {
				T::Currency::release(
					&HoldReason::FormatDeposit.into(),
					owner,
					info.deposit,
					Precision::BestEffort,
				)?;
			}
		}
		Self::deposit_event(Event::FormatRemoved { format, by: operator });
		Ok(())
	}

	/// A format is well made: UTF-8 names, distinct non-empty field names, bounds with
	/// `min <= max`, enums with distinct non-empty variants.
	fn check_format(spec: &FormatSpecOf<T>) -> DispatchResult {
		ensure!(!spec.name.is_empty(), Error::<T>::EmptyName);
		ensure!(core::str::from_utf8(&spec.name).is_ok(), Error::<T>::InvalidUtf8);
		for (position, field) in spec.fields.iter().enumerate() {
			ensure!(!field.name.is_empty(), Error::<T>::EmptyName);
			ensure!(core::str::from_utf8(&field.name).is_ok(), Error::<T>::InvalidUtf8);
			ensure!(
				!spec.fields[..position].iter().any(|earlier| earlier.name == field.name),
				Error::<T>::DuplicateField
			);
			Self::check_field_type(field)?;
		}
		Ok(())
	}

	fn check_field_type(field: &FieldSpecOf<T>) -> DispatchResult {
		let ordered = match &field.field_type {
			FieldType::Integer { min, max } => min <= max,
			FieldType::Decimal { min, max } => min.cmp_exact(max).is_le(),
			FieldType::Time { min, max } => min <= max,
			FieldType::Enum(variants) => {
				ensure!(!variants.is_empty(), Error::<T>::EmptyEnum);
				for (position, variant) in variants.iter().enumerate() {
					ensure!(!variant.is_empty(), Error::<T>::EmptyName);
					ensure!(core::str::from_utf8(variant).is_ok(), Error::<T>::InvalidUtf8);
					ensure!(!variants[..position].contains(variant), Error::<T>::DuplicateVariant);
				}
				true
			},
			FieldType::Text { .. } | FieldType::Bool | FieldType::Bytes { .. } => true,
		};
		ensure!(ordered, Error::<T>::InvalidFieldBounds);
		Ok(())
	}
}

impl<T: Config> DataFormats for Pallet<T> {
	type Format = FormatSpecOf<T>;

	fn bind_source(format: FormatId) -> Result<FormatTerms, FormatUnusable> {
		Formats::<T>::try_mutate(format, |entry| {
			let info = entry.as_mut().ok_or(FormatUnusable::NotFound)?;
			ensure!(info.status == FormatStatus::Active, FormatUnusable::Deprecated);
			// At most one binding per source id (u32), so the count cannot pass u32::MAX.
			info.sources = info.sources.saturating_add(1);
			Ok(info.spec.terms())
		})
	}

	fn unbind_source(format: FormatId) {
		Formats::<T>::mutate(format, |entry| {
			if let Some(info) = entry {
				info.sources = info.sources.saturating_sub(1);
			}
		});
	}

	fn load(id: FormatId) -> Option<FormatSpecOf<T>> {
		Formats::<T>::get(id).map(|info| info.spec)
	}

	fn is_registered(id: FormatId) -> bool {
		Formats::<T>::contains_key(id)
	}

	fn check<K: AsRef<[u8]>, B: AsRef<[u8]>>(
		format: &FormatSpecOf<T>,
		content: &ContentHash,
		metadata: &[MetadataEntry<K, B>],
	) -> Result<(), FormatViolation> {
		format.check_record(content, metadata)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn format_for_benchmark(
		algorithm: dmchain_primitives::HashAlgorithm,
		fields: alloc::vec::Vec<alloc::vec::Vec<u8>>,
		value_len: u32,
	) -> (FormatId, alloc::vec::Vec<u8>) {
		let variants = dmchain_primitives::benchmark_variants(
			T::MaxEnumVariants::get(),
			value_len.min(T::MaxFormatNameLen::get()),
		);
		let matching = variants.last().cloned().unwrap_or_default();
		let variants: crate::types::VariantsOf<T> = BoundedVec::truncate_from(
			variants.into_iter().map(BoundedVec::truncate_from).collect(),
		);
		let fields = fields
			.into_iter()
			.map(|name| dmchain_primitives::FieldSpec {
				name: BoundedVec::truncate_from(name),
				field_type: FieldType::Enum(variants.clone()),
				required: true,
			})
			.collect::<alloc::vec::Vec<_>>();
		// A name of its own per format, in ASCII digits: set-ups that register many formats
		// (one per benchmark source) must not reach ids whose bytes are not UTF-8.
		let mut name = alloc::vec![b'b'; 6];
		name.extend(alloc::format!("{}", NextFormatId::<T>::get()).into_bytes());
		let spec = dmchain_primitives::FormatSpec {
			name: BoundedVec::truncate_from(name),
			version: 1,
			hash_algorithm: algorithm,
			fields: BoundedVec::truncate_from(fields),
			open: false,
			max_payload_size: u64::MAX,
			encoding: dmchain_primitives::Encoding::Binary,
		};
		let id = Self::do_register_format(None, spec).expect("a benchmark format is well made");
		(id, matching)
	}
}

/// `format` with its vectors bounded as the pallet stores them, or `None` if one is too long.
pub(crate) fn bounded_spec<T: Config>(format: crate::GenesisFormat) -> Option<FormatSpecOf<T>> {
	let name = |bytes: alloc::vec::Vec<u8>| BoundedVec::try_from(bytes).ok();
	let fields = format
		.fields
		.into_iter()
		.map(|field| {
			let field_type = match field.field_type {
				FieldType::Enum(variants) => FieldType::Enum(
					BoundedVec::try_from(
						variants.into_iter().map(name).collect::<Option<alloc::vec::Vec<_>>>()?,
					)
					.ok()?,
				),
				FieldType::Integer { min, max } => FieldType::Integer { min, max },
				FieldType::Decimal { min, max } => FieldType::Decimal { min, max },
				FieldType::Text { max_len } => FieldType::Text { max_len },
				FieldType::Time { min, max } => FieldType::Time { min, max },
				FieldType::Bool => FieldType::Bool,
				FieldType::Bytes { max_len } => FieldType::Bytes { max_len },
			};
			Some(dmchain_primitives::FieldSpec {
				name: name(field.name)?,
				field_type,
				required: field.required,
			})
		})
		.collect::<Option<alloc::vec::Vec<_>>>()?;
	Some(dmchain_primitives::FormatSpec {
		name: name(format.name)?,
		version: format.version,
		hash_algorithm: format.hash_algorithm,
		fields: BoundedVec::try_from(fields).ok()?,
		open: format.open,
		max_payload_size: format.max_payload_size,
		encoding: format.encoding,
	})
}
