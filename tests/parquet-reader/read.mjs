// Reads a Parquet file with hyparquet (an implementation independent of ours) and prints it as JSON on stdout:
// { metadata: {...}, columns: { name: [values] } }. To keep comparisons exact, DOUBLE values (data and
// statistics) are printed as the 16 hex digits of their IEEE 754 bits, INT64 as decimal strings, INT32 as numbers,
// UTF-8 strings as strings.
// Usage: node read.mjs FILE.parquet
import { readFileSync } from 'node:fs'
import { parquetMetadata, parquetRead } from 'hyparquet'
import { compressors } from 'hyparquet-compressors'

const path = process.argv[2]
if (!path) {
  console.error('usage: node read.mjs FILE.parquet')
  process.exit(2)
}

const bytes = readFileSync(path)
const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
const metadata = parquetMetadata(file)
const leaves = metadata.schema.slice(1)

const view = new DataView(new ArrayBuffer(8))
function encode(value, type) {
  if (value === undefined || value === null) return null
  switch (type) {
    case 'DOUBLE':
      view.setFloat64(0, value)
      return view.getBigUint64(0).toString(16).padStart(16, '0')
    case 'INT64':
      return BigInt(value).toString()
    case 'INT32':
      return Number(value)
    default:
      return typeof value === 'string' ? value : Array.from(value)
  }
}

let rows = []
await parquetRead({ file, compressors, rowFormat: 'array', onComplete: r => { rows = r } })

const columns = {}
leaves.forEach((leaf, i) => { columns[leaf.name] = rows.map(row => encode(row[i], leaf.type)) })

const out = {
  metadata: {
    version: metadata.version,
    num_rows: encode(metadata.num_rows, 'INT64'),
    created_by: metadata.created_by ?? null,
    key_value_metadata: (metadata.key_value_metadata ?? []).map(kv => ({ key: kv.key, value: kv.value ?? null })),
    schema: leaves.map(leaf => ({
      name: leaf.name,
      type: leaf.type,
      repetition_type: leaf.repetition_type ?? null,
      converted_type: leaf.converted_type ?? null,
      logical_type: leaf.logical_type?.type ?? null,
    })),
    row_groups: metadata.row_groups.map(group => ({
      num_rows: encode(group.num_rows, 'INT64'),
      columns: group.columns.map((chunk, i) => {
        const m = chunk.meta_data
        const s = m.statistics
        return {
          path: m.path_in_schema.join('.'),
          type: m.type,
          codec: m.codec,
          encodings: m.encodings,
          num_values: encode(m.num_values, 'INT64'),
          total_uncompressed_size: encode(m.total_uncompressed_size, 'INT64'),
          total_compressed_size: encode(m.total_compressed_size, 'INT64'),
          data_page_offset: encode(m.data_page_offset, 'INT64'),
          null_count: s?.null_count === undefined ? null : encode(s.null_count, 'INT64'),
          min_value: s ? encode(s.min_value, leaves[i].type) : null,
          max_value: s ? encode(s.max_value, leaves[i].type) : null,
        }
      }),
    })),
  },
  columns,
}
process.stdout.write(JSON.stringify(out))
