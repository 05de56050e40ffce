//! How long the registry's JSON-RPC queries take with the chain's state as it is (issue 12's
//! target: `registry_record` and `registry_recordsByHash` p99 at most 2 ms with a million records
//! in state).
//!
//! A run fixes one finalized block, counts the records of every source at it
//! (`registry_source`), then asks, one request at a time so that each figure is one request's
//! round trip over the connection, for records drawn uniformly at random from all of them
//! (`registry_record`) and for the anchors of each such record's digest
//! (`registry_recordsByHash`). Draws are spread over the whole state, so the node's caches help
//! no more than they would for users asking about arbitrary records.

use crate::{
	connection::Chain,
	error::{Error, Result},
	load::Percentiles,
	runtime::api,
	sources::SourceId,
};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::time::Instant;
use subxt::utils::H256;

/// What a run measured.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueryLatencyReport {
	/// The node's address.
	pub url: String,
	/// The finalized block every request read.
	pub block: H256,
	/// Sources at that block.
	pub sources: u64,
	/// Records at that block, over all sources.
	pub records: u64,
	/// Requests of each method.
	pub samples: u32,
	/// `registry_record` round trips, ms.
	pub record_ms: Percentiles,
	/// `registry_recordsByHash` round trips (first page), ms.
	pub records_by_hash_ms: Percentiles,
	/// Anchors the `registry_recordsByHash` answers held, on average.
	pub mean_anchors: f64,
}

/// The part of a `registry_source` answer the run needs.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SourceCount {
	#[serde(deserialize_with = "loose_u64")]
	record_count: u64,
}

/// The part of a `registry_record` answer the run needs.
#[derive(Deserialize)]
struct RecordContent {
	content: Content,
}

#[derive(Deserialize)]
struct Content {
	digest: String,
}

/// The part of a `registry_recordsByHash` answer the run needs.
#[derive(Deserialize)]
struct AnchorCount {
	records: Vec<Value>,
}

/// A u64 written as a JSON number or a decimal string (the RPC writes large ones as strings).
fn loose_u64<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<u64, D::Error> {
	match Value::deserialize(d)? {
		Value::Number(n) => n.as_u64().ok_or_else(|| serde::de::Error::custom("not a u64")),
		Value::String(s) => s.parse().map_err(serde::de::Error::custom),
		_ => Err(serde::de::Error::custom("not a number")),
	}
}

/// A small deterministic generator (SplitMix64): the same `seed` draws the same records, so two
/// runs against the same state ask the same questions.
struct SplitMix(u64);

impl SplitMix {
	fn next(&mut self) -> u64 {
		self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
		let mut z = self.0;
		z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
		z ^ (z >> 31)
	}

	/// A value below `bound` (> 0); the bias of the modulo is below 2^-40 for any bound a
	/// registry reaches.
	fn below(&mut self, bound: u64) -> u64 {
		self.next() % bound
	}
}

/// Measures `samples` requests of each method at the latest finalized block, drawing records
/// with `seed`. `note` hears a line of progress now and then.
pub async fn run(
	chain: &Chain,
	samples: u32,
	seed: u64,
	mut note: impl FnMut(&str),
) -> Result<QueryLatencyReport> {
	if samples == 0 {
		return Err(Error::Input("the run needs at least one sample".into()));
	}
	let at = chain.at_finalized().await?;
	let block = at.block_hash();
	let hash = json!(format!("{block:?}"));
	let next_source: SourceId =
		at.storage().fetch(api::storage().data_registry().next_source_id(), ()).await?.decode()?;
	note(&format!("query latency: counting the records of {next_source} sources"));
	// (first record's position over all sources, source) for every source with records.
	let mut starts: Vec<(u64, SourceId)> = Vec::new();
	let mut records = 0u64;
	for source in 0..next_source {
		let answer: Option<SourceCount> =
			chain.rpc_request("registry_source", vec![json!(source), hash.clone()]).await?;
		if let Some(count) = answer.filter(|c| c.record_count > 0) {
			starts.push((records, source));
			records = records.saturating_add(count.record_count);
		}
	}
	if records == 0 {
		return Err(Error::NotFound("records to query: the chain holds none".into()));
	}
	note(&format!(
		"query latency: {records} records in {} sources; {samples} requests of each method",
		starts.len()
	));
	let mut random = SplitMix(seed);
	let mut record_ms = Vec::with_capacity(samples as usize);
	let mut by_hash_ms = Vec::with_capacity(samples as usize);
	let mut anchors = 0u64;
	for _ in 0..samples {
		let position = random.below(records);
		let slot = starts.partition_point(|(start, _)| *start <= position) - 1;
		let (start, source) = starts[slot];
		let index = position - start;
		let began = Instant::now();
		let record: Option<RecordContent> = chain
			.rpc_request(
				"registry_record",
				vec![json!(source), json!(index.to_string()), hash.clone()],
			)
			.await?;
		record_ms.push(began.elapsed().as_secs_f64() * 1000.0);
		let record = record.ok_or_else(|| {
			Error::NotFound(format!("record {source}/{index}, counted at block {block:?}"))
		})?;
		let began = Instant::now();
		let page: AnchorCount = chain
			.rpc_request(
				"registry_recordsByHash",
				vec![json!(record.content.digest), Value::Null, Value::Null, hash.clone()],
			)
			.await?;
		by_hash_ms.push(began.elapsed().as_secs_f64() * 1000.0);
		if page.records.is_empty() {
			return Err(Error::NotFound(format!(
				"the anchors of record {source}/{index}'s digest {}",
				record.content.digest
			)));
		}
		anchors += page.records.len() as u64;
	}
	Ok(QueryLatencyReport {
		url: chain.url().to_string(),
		block,
		sources: starts.len() as u64,
		records,
		samples,
		record_ms: Percentiles::of(record_ms),
		records_by_hash_ms: Percentiles::of(by_hash_ms),
		mean_anchors: anchors as f64 / f64::from(samples),
	})
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn draws_repeat_for_a_seed_and_stay_below_the_bound() {
		let draw = |seed| {
			let mut random = SplitMix(seed);
			(0..1000).map(|_| random.below(7)).collect::<Vec<_>>()
		};
		assert_eq!(draw(1), draw(1));
		assert_ne!(draw(1), draw(2));
		let values = draw(3);
		assert!(values.iter().all(|v| *v < 7));
		// Every value of a small range is drawn.
		assert!((0..7).all(|v| values.contains(&v)));
	}

	#[test]
	fn record_counts_read_as_numbers_or_strings() {
		let number: SourceCount = serde_json::from_value(json!({"recordCount": 12})).unwrap();
		let text: SourceCount =
			serde_json::from_value(json!({"recordCount": "9007199254740993"})).unwrap();
		assert_eq!((number.record_count, text.record_count), (12, 9_007_199_254_740_993));
		assert!(serde_json::from_value::<SourceCount>(json!({"recordCount": true})).is_err());
	}
}
