//! Reads many records for `dmchain record bulk`: rows of a CSV file or the files of a directory.
//!
//! CSV columns (header required): `file` (a path, relative to the CSV's folder) or `hash` (a
//! digest), one of them per row; optional `sequence`, `device_time` (ms) and `replaces`; every
//! other column is a metadata entry named by its header, typed by a `:TYPE` suffix
//! (`temperature:dec`), text by default. An empty cell leaves the entry out.

use dmchain_client::{
	records::MetadataField, ContentHash, Error, HashAlgorithm, MetadataValue, RecordDraft, Result,
};
use std::path::{Path, PathBuf};

/// A record read from the input; `sequence` is `None` when the input gives none.
#[derive(Debug)]
pub struct Row {
	/// The record, with sequence 0 until one is assigned.
	pub draft: RecordDraft,
	/// The sequence number the input gives.
	pub sequence: Option<u64>,
}

enum Column {
	File,
	Hash,
	Sequence,
	DeviceTime,
	Replaces,
	Metadata { key: String, kind: String },
}

fn column(header: &str) -> Result<Column> {
	Ok(match header.trim() {
		"file" => Column::File,
		"hash" => Column::Hash,
		"sequence" => Column::Sequence,
		"device_time" => Column::DeviceTime,
		"replaces" => Column::Replaces,
		other => {
			let (key, kind) = other.split_once(':').unwrap_or((other, "text"));
			if key.is_empty() {
				return Err(Error::Input(format!("CSV column `{other}` has no name")));
			}
			if !MetadataValue::TYPES.contains(&kind) {
				return Err(Error::Input(format!(
					"CSV column `{other}`: unknown type `{kind}`; expected one of {}",
					MetadataValue::TYPES.join(", ")
				)));
			}
			Column::Metadata { key: key.to_string(), kind: kind.to_string() }
		},
	})
}

fn number(text: &str, what: &str, line: u64) -> Result<u64> {
	text.trim()
		.parse()
		.map_err(|_| Error::Input(format!("CSV line {line}: {what} `{text}` is not a number")))
}

/// Reads the records of the CSV file at `path`, hashing files with `algorithm`.
pub fn from_csv(path: &Path, algorithm: HashAlgorithm, now: u64) -> Result<Vec<Row>> {
	let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
	let mut reader = csv::Reader::from_path(path)
		.map_err(|e| Error::Input(format!("{}: {e}", path.display())))?;
	let columns: Vec<Column> = reader
		.headers()
		.map_err(|e| Error::Input(format!("{}: {e}", path.display())))?
		.iter()
		.map(column)
		.collect::<Result<_>>()?;
	let has = |wanted: fn(&Column) -> bool| columns.iter().any(wanted);
	if !has(|c| matches!(c, Column::File)) && !has(|c| matches!(c, Column::Hash)) {
		return Err(Error::Input(format!("{}: needs a `file` or a `hash` column", path.display())));
	}
	let mut rows = Vec::new();
	for (number_in_file, record) in reader.records().enumerate() {
		let line = number_in_file as u64 + 2;
		let record = record.map_err(|e| Error::Input(format!("{}: {e}", path.display())))?;
		let mut content = None;
		let mut sequence = None;
		let mut device_time = now;
		let mut replaces = None;
		let mut metadata = Vec::new();
		for (cell, column) in record.iter().zip(&columns) {
			if cell.trim().is_empty() {
				continue;
			}
			let found = match column {
				Column::File => Some(
					ContentHash::of_file(algorithm, &base.join(cell.trim()))
						.map_err(|e| Error::Input(format!("CSV line {line}: {cell}: {e}")))?,
				),
				Column::Hash => Some(ContentHash {
					algorithm,
					digest: ContentHash::parse_digest(cell)
						.map_err(|e| Error::Input(format!("CSV line {line}: {e}")))?,
				}),
				Column::Sequence => {
					sequence = Some(number(cell, "sequence", line)?);
					None
				},
				Column::DeviceTime => {
					device_time = number(cell, "device_time", line)?;
					None
				},
				Column::Replaces => {
					replaces = Some(number(cell, "replaces", line)?);
					None
				},
				Column::Metadata { key, kind } => {
					let value = MetadataValue::parse(kind, cell)
						.map_err(|e| Error::Input(format!("CSV line {line}, `{key}`: {e}")))?;
					metadata.push(MetadataField { key: key.clone(), value });
					None
				},
			};
			if let Some(found) = found {
				if content.replace(found).is_some() {
					return Err(Error::Input(format!("CSV line {line}: both `file` and `hash`")));
				}
			}
		}
		let content =
			content.ok_or_else(|| Error::Input(format!("CSV line {line}: no `file` or `hash`")))?;
		let draft = RecordDraft { content, sequence: 0, device_time, replaces, metadata };
		rows.push(Row { draft, sequence });
	}
	Ok(rows)
}

/// Reads one record per regular file of the directory `path`, in file-name order.
pub fn from_directory(path: &Path, algorithm: HashAlgorithm, now: u64) -> Result<Vec<Row>> {
	let mut files: Vec<PathBuf> = std::fs::read_dir(path)
		.map_err(|e| Error::Input(format!("{}: {e}", path.display())))?
		.filter_map(|entry| entry.ok().map(|entry| entry.path()))
		.filter(|file| file.is_file())
		.collect();
	files.sort();
	files
		.into_iter()
		.map(|file| {
			let content = ContentHash::of_file(algorithm, &file)
				.map_err(|e| Error::Input(format!("{}: {e}", file.display())))?;
			let name =
				file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
			let draft =
				RecordDraft::new(content, 0, now).with_metadata("file", MetadataValue::Text(name));
			Ok(Row { draft, sequence: None })
		})
		.collect()
}

/// Gives every row its sequence number, given the source's `last` one: either every row names
/// its own (rows at or below `last` are already anchored and are dropped; their count is
/// returned), or none does and they are numbered from `last + 1` in order.
pub fn assign_sequences(rows: Vec<Row>, last: Option<u64>) -> Result<(Vec<RecordDraft>, usize)> {
	let named = rows.iter().filter(|row| row.sequence.is_some()).count();
	if named == 0 {
		let start = last.map_or(Some(0), |last| last.checked_add(1));
		let drafts = rows
			.into_iter()
			.enumerate()
			.map(|(offset, row)| {
				let sequence = start
					.and_then(|start| start.checked_add(offset as u64))
					.ok_or_else(|| Error::Input("sequence numbers run out of u64".into()))?;
				Ok(RecordDraft { sequence, ..row.draft })
			})
			.collect::<Result<_>>()?;
		return Ok((drafts, 0));
	}
	if named != rows.len() {
		return Err(Error::Input(format!(
			"{named} of {} rows give a sequence number: give it in every row or in none",
			rows.len()
		)));
	}
	let total = rows.len();
	let drafts: Vec<RecordDraft> = rows
		.into_iter()
		.filter_map(|row| {
			let sequence = row.sequence?;
			last.is_none_or(|last| sequence > last).then_some(RecordDraft { sequence, ..row.draft })
		})
		.collect();
	let skipped = total - drafts.len();
	Ok((drafts, skipped))
}

#[cfg(test)]
mod tests {
	use super::*;

	fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
		let path = dir.join(name);
		std::fs::write(&path, text).unwrap();
		path
	}

	#[test]
	fn csv_rows_become_typed_records() {
		let dir = tempfile::tempdir().unwrap();
		write(dir.path(), "a.bin", "payload a");
		let digest = "11".repeat(32);
		let csv = write(
			dir.path(),
			"in.csv",
			&format!(
				"file,hash,sequence,device_time,temperature:dec,site\n\
				 a.bin,,7,1000,21.5,north\n\
				 ,{digest},8,2000,,\n"
			),
		);
		let rows = from_csv(&csv, HashAlgorithm::Sha2_256, 99).unwrap();
		assert_eq!(rows.len(), 2);
		assert_eq!(
			rows[0].draft.content,
			ContentHash::of_bytes(HashAlgorithm::Sha2_256, b"payload a")
		);
		assert_eq!(rows[0].sequence, Some(7));
		assert_eq!(rows[0].draft.device_time, 1000);
		assert_eq!(
			rows[0].draft.metadata,
			vec![
				MetadataField {
					key: "temperature".into(),
					value: MetadataValue::Decimal { mantissa: 215, scale: 1 }
				},
				MetadataField { key: "site".into(), value: MetadataValue::Text("north".into()) },
			]
		);
		assert_eq!(rows[1].draft.content.digest, [0x11; 32]);
		assert!(rows[1].draft.metadata.is_empty(), "empty cells leave entries out");
	}

	#[test]
	fn bad_csv_input_names_the_line() {
		let dir = tempfile::tempdir().unwrap();
		let no_content = write(dir.path(), "a.csv", "sequence\n1\n");
		assert!(from_csv(&no_content, HashAlgorithm::Blake2b256, 0).is_err());
		let bad_type = write(dir.path(), "b.csv", "hash,t:float\n00,1\n");
		assert!(from_csv(&bad_type, HashAlgorithm::Blake2b256, 0)
			.unwrap_err()
			.to_string()
			.contains("float"));
		let bad_value = write(dir.path(), "c.csv", &format!("hash,t:int\n{},x\n", "00".repeat(32)));
		assert!(from_csv(&bad_value, HashAlgorithm::Blake2b256, 0)
			.unwrap_err()
			.to_string()
			.contains("line 2"));
		let missing = write(dir.path(), "d.csv", "file\nnot-there.bin\n");
		assert!(from_csv(&missing, HashAlgorithm::Blake2b256, 0)
			.unwrap_err()
			.to_string()
			.contains("line 2"));
	}

	fn rows(sequences: &[Option<u64>]) -> Vec<Row> {
		let content = ContentHash::of_bytes(HashAlgorithm::Blake2b256, b"x");
		sequences
			.iter()
			.map(|sequence| Row { draft: RecordDraft::new(content, 0, 0), sequence: *sequence })
			.collect()
	}

	#[test]
	fn sequences_continue_or_resume() {
		let (drafts, skipped) = assign_sequences(rows(&[None, None]), Some(4)).unwrap();
		assert_eq!(drafts.iter().map(|d| d.sequence).collect::<Vec<_>>(), vec![5, 6]);
		assert_eq!(skipped, 0);
		let (drafts, _) = assign_sequences(rows(&[None]), None).unwrap();
		assert_eq!(drafts[0].sequence, 0);
		// A re-run of the same input skips what is anchored already.
		let (drafts, skipped) =
			assign_sequences(rows(&[Some(3), Some(4), Some(5)]), Some(4)).unwrap();
		assert_eq!(drafts.iter().map(|d| d.sequence).collect::<Vec<_>>(), vec![5]);
		assert_eq!(skipped, 2);
		assert!(assign_sequences(rows(&[Some(1), None]), None).is_err());
		assert!(assign_sequences(rows(&[None]), Some(u64::MAX)).is_err());
	}
}
