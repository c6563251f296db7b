import CostModel
import SQLiteStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Product attributes of imported price lists, stored compactly (schema 5).
///
/// A price-list file names its attribute columns once (`sources.columns`, a JSON array); each
/// product stores only its values, as a BLOB aligned with that list:
///
///     for every non-empty column, in the list's order:
///         varint  number of empty columns skipped since the previous non-empty one
///         varint  token: 2 * id + 1 for value `id` of the source's `attribute_values`,
///                        2 * n for n bytes written inline right after the token
///
/// (varints are unsigned LEB128.) Values repeat across a file's products (a location, an
/// instance type, "Yes"), so each distinct value is stored once per source in `attribute_values`
/// and a product refers to it with one or two bytes; a value the importer could not intern (its
/// dictionary is bounded) is written inline. Price sheets and catalogs imported before schema 5
/// keep the attributes as a JSON object text; the SQL function `attributes_json(source_id,
/// attributes)` turns either form into the JSON object the readers use (`catalog query`,
/// `--filter`, the resolver), the same text the importer wrote before.
enum CompactAttributes {
    @inline(__always)
    static func appendVarint(_ value: Int, to out: inout [UInt8]) {
        var v = UInt(bitPattern: value)
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(truncatingIfNeeded: v))
    }

    /// Reads a varint at `i` of `bytes`; nil when it runs past the end or is too long.
    @inline(__always)
    static func readVarint(_ bytes: UnsafeRawBufferPointer, _ i: inout Int) -> Int? {
        var value = 0
        var shift = 0
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            value |= Int(b & 0x7f) << shift
            if b < 0x80 { return value >= 0 ? value : nil }
            shift += 7
            if shift > 56 { return nil }
        }
        return nil
    }

    /// Decodes a BLOB into the JSON object text (`{"Name":"value",...}`, columns in file order,
    /// empty values left out). `keys` are the quoted column names followed by `:`; `value`
    /// returns the quoted text of a dictionary value, nil when it does not exist.
    static func json(
        _ blob: UnsafeRawBufferPointer, keys: [[UInt8]], value: (Int) throws -> [UInt8]?, into out: inout [UInt8]
    ) rethrows -> Bool {
        out.append(UInt8(ascii: "{"))
        var i = 0
        var column = -1
        var first = true
        while i < blob.count {
            guard let skip = readVarint(blob, &i), let token = readVarint(blob, &i) else { return false }
            column += skip + 1
            guard column < keys.count else { return false }
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(contentsOf: keys[column])
            if token & 1 == 1 {
                guard let quoted = try value(token >> 1) else { return false }
                out.append(contentsOf: quoted)
            } else {
                let n = token >> 1
                guard n > 0, n <= blob.count - i else { return false }
                JSON.appendQuoted(UnsafeRawBufferPointer(rebasing: blob[i..<(i + n)]), to: &out)
                i += n
            }
        }
        out.append(UInt8(ascii: "}"))
        return true
    }
}

/// Gives each distinct attribute value of one import an id (1, 2, ...), without allocating
/// per lookup: values live in one byte arena, found through an open-addressing hash table;
/// each column also remembers its previous value, which most products repeat. Bounded: past
/// ``maxValues`` values or ``maxBytes`` bytes (128 Ki values, 4 MiB by default), ``id(_:column:)``
/// returns nil and the caller writes the value inline, so memory does not grow with the file.
/// Every table is a raw buffer, a slot one word (hash and id), an entry one word (offset and
/// length): a lookup touches as few cache lines as it can (it runs some 30 times a product).
final class AttributeInterner {
    static let maxValues = 1 << 17
    static let maxBytes = 4 << 20
    let maxValues: Int
    let maxBytes: Int

    private var arena: UnsafeMutableRawPointer
    private var arenaCount = 0
    private var arenaCapacity: Int
    /// Per id (1-based; entry 0 unused): offset << 32 | length.
    private var entries: UnsafeMutablePointer<UInt64>
    private var entryCapacity: Int
    private(set) var count = 0
    /// Hash table: hash << 32 | id, 0 for an empty slot; capacity a power of two.
    private var slots: UnsafeMutablePointer<UInt64>
    private var slotMask: Int
    /// Each column's previous value id (0: none).
    private let lastID: UnsafeMutablePointer<Int>
    private let columns: Int

    init(columns: Int, maxValues: Int = AttributeInterner.maxValues, maxBytes: Int = AttributeInterner.maxBytes) {
        self.maxValues = min(maxValues, Int(Int32.max))
        self.maxBytes = min(maxBytes, Int(Int32.max))
        self.columns = columns
        arenaCapacity = 1 << 16
        arena = UnsafeMutableRawPointer.allocate(byteCount: arenaCapacity, alignment: 8)
        entryCapacity = 1 << 10
        entries = UnsafeMutablePointer<UInt64>.allocate(capacity: entryCapacity)
        let capacity = 1 << 12
        slots = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
        slots.initialize(repeating: 0, count: capacity)
        slotMask = capacity - 1
        lastID = UnsafeMutablePointer<Int>.allocate(capacity: max(columns, 1))
        lastID.initialize(repeating: 0, count: max(columns, 1))
    }

    deinit {
        arena.deallocate()
        entries.deallocate()
        slots.deallocate()
        lastID.deallocate()
    }

    @inline(__always)
    private func equals(_ id: Int, _ v: UnsafeRawBufferPointer) -> Bool {
        let entry = entries[id]
        guard Int(entry & 0xffff_ffff) == v.count else { return false }
        let a = UnsafeRawPointer(arena + Int(entry >> 32))
        let b = v.baseAddress!
        var i = 0
        // Eight bytes at a time, then the rest (values are short: a memcmp call costs more).
        while i + 8 <= v.count {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                return false
            }
            i += 8
        }
        while i < v.count {
            if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
            i += 1
        }
        return true
    }

    /// Eight bytes at a time, each word mixed by a multiply (values are short).
    @inline(__always)
    private static func hash(_ v: UnsafeRawBufferPointer) -> UInt32 {
        let p = v.baseAddress!
        var h = UInt64(v.count) &* 0x9e37_79b9_7f4a_7c15
        var i = 0
        while i + 8 <= v.count {
            h = (h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xff51_afd7_ed55_8ccd
            h ^= h >> 29
            i += 8
        }
        if i < v.count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < v.count {
                tail |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << shift
                shift += 8
                i += 1
            }
            h = (h ^ tail) &* 0xc4ce_b9fe_1a85_ec53
        }
        h ^= h >> 32
        return UInt32(truncatingIfNeeded: h)
    }

    /// The id of `v` (not empty) in column `column` (below the count given to `init`), and
    /// whether it is new (the caller stores it); nil when the dictionary is full and `v` is not
    /// in it.
    @inline(__always)
    func id(_ v: UnsafeRawBufferPointer, column: Int) -> (id: Int, isNew: Bool)? {
        precondition(column >= 0 && column < columns && !v.isEmpty)
        let last = lastID[column]
        if last != 0 && equals(last, v) { return (last, false) }
        let h = Self.hash(v)
        var slot = Int(h) & slotMask
        while true {
            let word = slots[slot]
            if word == 0 { break }
            if UInt32(truncatingIfNeeded: word >> 32) == h && equals(Int(word & 0xffff_ffff), v) {
                let id = Int(word & 0xffff_ffff)
                lastID[column] = id
                return (id, false)
            }
            slot = (slot + 1) & slotMask
        }
        guard count < maxValues, v.count <= maxBytes - arenaCount else { return nil }
        if arenaCount + v.count > arenaCapacity {
            var capacity = arenaCapacity * 2
            while capacity < arenaCount + v.count { capacity *= 2 }
            let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
            grown.copyMemory(from: arena, byteCount: arenaCount)
            arena.deallocate()
            arena = grown
            arenaCapacity = capacity
        }
        if count + 1 >= entryCapacity {
            let grown = UnsafeMutablePointer<UInt64>.allocate(capacity: entryCapacity * 2)
            grown.update(from: entries, count: count + 1)
            entries.deallocate()
            entries = grown
            entryCapacity *= 2
        }
        (arena + arenaCount).copyMemory(from: v.baseAddress!, byteCount: v.count)
        count += 1
        entries[count] = UInt64(arenaCount) << 32 | UInt64(v.count)
        arenaCount += v.count
        slots[slot] = UInt64(h) << 32 | UInt64(count)
        if count * 2 > slotMask { grow() }
        lastID[column] = count
        return (count, true)
    }

    private func grow() {
        let capacity = (slotMask + 1) * 2
        let newSlots = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
        newSlots.initialize(repeating: 0, count: capacity)
        let mask = capacity - 1
        for s in 0...slotMask where slots[s] != 0 {
            var t = Int(truncatingIfNeeded: slots[s] >> 32) & mask
            while newSlots[t] != 0 { t = (t + 1) & mask }
            newSlots[t] = slots[s]
        }
        slots.deallocate()
        slots = newSlots
        slotMask = mask
    }
}

/// The SQL function `attributes_json(source_id, attributes)` of a catalog connection: the JSON
/// object text of a product's attributes, whichever form they are stored in (see
/// ``CompactAttributes``). Keeps the column names and values it has read; they are dropped
/// whenever the database changes (its data version moves, or a transaction rolls back).
final class AttributeDecoder {
    let db: Database
    private var keys: [Int64: [[UInt8]]] = [:]
    private var values: [Int64: [Int: [UInt8]]] = [:]
    private var dataVersion: UInt32 = 0
    private var out: [UInt8] = []

    init(db: Database) { self.db = db }

    struct Malformed: Error { var message: String }

    /// Registers `attributes_json` on the connection. The caller keeps this object alive until
    /// ``unregister()``.
    func register() {
        db.defineFunction("attributes_json", argumentCount: 2) { [unowned self] call in
            if call.count == 2 { self.call(call) }
        }
        // A rolled-back transaction may have added values that a later one numbers again.
        db.onRollback { [unowned self] in forget() }
    }

    /// Removes the function (after which SQL using it fails with "no such function", never
    /// reaching this object).
    func unregister() {
        db.removeFunction("attributes_json", argumentCount: 2)
        db.onRollback(nil)
    }

    func forget() {
        keys.removeAll()
        values.removeAll()
    }

    private func checkVersion() {
        let version = db.dataVersion
        if version != dataVersion {
            forget()
            dataVersion = version
        }
    }

    private func call(_ call: FunctionCall) {
        switch call.type(1) {
        case .text:
            call.resultArgument(1)
        case .blob:
            let sourceID = call.int(0)
            let blob = call.blob(1)
            do {
                checkVersion()
                out.removeAll(keepingCapacity: true)
                guard try decode(sourceID, blob) else {
                    throw Malformed(message: "catalog holds malformed attributes (source \(sourceID))")
                }
                out.withUnsafeBytes { call.resultText($0) }
            } catch let error as Malformed {
                call.resultError(error.message)
            } catch {
                call.resultError("attributes_json: \(error)")
            }
        case .null:
            call.resultNull()
        default:
            call.resultError("catalog holds malformed attributes (not text or a blob)")
        }
    }

    private func decode(_ sourceID: Int64, _ blob: UnsafeRawBufferPointer) throws -> Bool {
        let names = try columnKeys(sourceID)
        return try CompactAttributes.json(blob, keys: names, value: { try self.value(sourceID, $0) }, into: &out)
    }

    /// The quoted column names of a source, each followed by `:`.
    private func columnKeys(_ sourceID: Int64) throws -> [[UInt8]] {
        if let k = keys[sourceID] { return k }
        let st = try db.cachedStatement("SELECT columns FROM sources WHERE id = ?")
        defer { try? st.reset() }
        try st.bind([.int(sourceID)])
        guard try st.step(), let text = st.text(0), let names = try? JSONDecoderLite.stringArray(text) else {
            throw Malformed(message: "catalog holds attributes of a source without its column list (source \(sourceID))")
        }
        let quoted = names.map { name -> [UInt8] in
            var key: [UInt8] = []
            Array(name.utf8).withUnsafeBytes { JSON.appendQuoted($0, to: &key) }
            key.append(UInt8(ascii: ":"))
            return key
        }
        keys[sourceID] = quoted
        return quoted
    }

    /// The quoted text of value `id` of a source, nil when there is none.
    private func value(_ sourceID: Int64, _ id: Int) throws -> [UInt8]? {
        if let v = values[sourceID]?[id] { return v }
        let st = try db.cachedStatement("SELECT value FROM attribute_values WHERE source_id = ? AND id = ?")
        defer { try? st.reset() }
        try st.bind([.int(sourceID), .int(Int64(id))])
        guard try st.step() else { return nil }
        var quoted: [UInt8] = []
        JSON.appendQuoted(st.textBytes(0), to: &quoted)
        values[sourceID, default: [:]][id] = quoted
        return quoted
    }
}
