import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { deflateRawSync } from 'node:zlib'
import { MAX_XLSX_UNPACKED_BYTES, readSpreadsheet, zipUnpackedSize } from './spreadsheets.js'

/** A one-file zip, stored deflated, declaring `declared` as its unpacked size. */
function zip(content: Buffer, declared = content.length): Buffer {
  const packed = deflateRawSync(content)
  const name = Buffer.from('xl/sheet.xml')
  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034b50, 0)
  local.writeUInt16LE(8, 8)
  local.writeUInt32LE(packed.length, 18)
  local.writeUInt32LE(declared, 22)
  local.writeUInt16LE(name.length, 26)
  const central = Buffer.alloc(46)
  central.writeUInt32LE(0x02014b50, 0)
  central.writeUInt16LE(8, 10)
  central.writeUInt32LE(packed.length, 20)
  central.writeUInt32LE(declared, 24)
  central.writeUInt16LE(name.length, 28)
  const directoryAt = local.length + name.length + packed.length
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(1, 8)
  end.writeUInt16LE(1, 10)
  end.writeUInt32LE(central.length + name.length, 12)
  end.writeUInt32LE(directoryAt, 16)
  return Buffer.concat([local, name, packed, central, name, end])
}

test('the unpacked size of a zip is read from its directory', () => {
  assert.equal(zipUnpackedSize(zip(Buffer.alloc(1000, 65))), 1000)
  assert.equal(zipUnpackedSize(Buffer.from('PK not a zip')), undefined)
  const xlsx = zipUnpackedSize(readFileSync('test/fixtures/import/tracker-with-errors.xlsx'))
  assert.ok(xlsx !== undefined && xlsx > 1000 && xlsx < 100_000)
})

test('an XLSX that would unpack to too much is refused unread (a zip bomb)', async () => {
  const bomb = zip(Buffer.alloc(MAX_XLSX_UNPACKED_BYTES + 1, 0))
  assert.ok(bomb.length < 100_000, 'small when packed')
  assert.deepEqual(await readSpreadsheet('tracker.xlsx', bomb), { ok: false, message: 'The selected file is too large once unpacked: import fewer rows at a time' })
})

test('a CSV is read with its header, and blank rows are left out', async () => {
  assert.deepEqual(await readSpreadsheet('t.CSV', Buffer.from('\uFEFFRef,Date\nA,1\n,\nB\n')), { ok: true, columns: ['Ref', 'Date'], rows: [['A', '1'], ['B', '']] })
})
