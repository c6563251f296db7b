import FileIO

/// The product work of an import that can run on the parsing thread, beside the SQLite inserts
/// (``CSVStream/RecordPreparer``): for each row that starts a product (its SKU, or for Savings
/// Plans its rate code, differs from the row before), the product's attributes in compact form
/// (``CompactAttributes``), after the attribute values it is the first to use:
///
///     varint  number of values new to the source; for each: varint id, varint length, its bytes
///     the attributes BLOB (the rest)
///
/// Other rows, the preamble, the header and rows of the wrong width get nothing (the consumer
/// reports those rows, and writes nothing once it has). Owned by the parsing thread until the
/// stream ends.
final class ProductPreparer: @unchecked Sendable {
    let path: String
    @exclusivity(unchecked) private var recordNo = 0
    @exclusivity(unchecked) private var layout: PriceListImporter.Layout?
    @exclusivity(unchecked) private var interner: AttributeInterner?
    @exclusivity(unchecked) private var lastProductKey: [UInt8] = []
    @exclusivity(unchecked) private var fresh: [UInt8] = []
    @exclusivity(unchecked) private var blob: [UInt8] = []
    @exclusivity(unchecked) private var seenKeys = KeyHashSet()

    /// Whether a product key may occur in two products of the file (a SKU whose rows are not
    /// adjacent, or two keys with the same 64-bit hash, or more keys than the set holds); false
    /// says no key repeats. Once the stream has ended: frees the set (before the index build).
    func finishProductKeys() -> Bool {
        seenKeys.release()
        return layout == nil || seenKeys.mayRepeat
    }

    init(path: String) {
        self.path = path
        fresh.reserveCapacity(4096)
        blob.reserveCapacity(4096)
    }

    func prepare(_ rec: CSVRecord, _ out: inout [UInt8]) {
        recordNo += 1
        if recordNo < 6 { return }
        if recordNo == 6 {
            // The consumer reports a header that is not one.
            let header = (0..<rec.count).map { rec.string($0) }
            if let l = try? PriceListImporter.layout(header: header, path: path, line: rec.line) {
                layout = l
                interner = AttributeInterner(columns: l.attributeColumns.count)
            }
            return
        }
        guard let l = layout, let interner, rec.count == l.names.count else { return }
        let productKey = rec.bytes(l.isSavingsPlan ? l.field(.rateCode) : l.field(.sku))
        if productKey.elementsEqual(lastProductKey) { return }
        lastProductKey.removeAll(keepingCapacity: true)
        lastProductKey.append(contentsOf: productKey)
        seenKeys.insert(productKey)
        fresh.removeAll(keepingCapacity: true)
        blob.removeAll(keepingCapacity: true)
        var freshCount = 0
        var skipped = 0
        for (k, i) in l.attributeColumns.enumerated() {
            let v = rec.bytes(i)
            if v.isEmpty {
                skipped += 1
                continue
            }
            CompactAttributes.appendVarint(skipped, to: &blob)
            skipped = 0
            if let (id, isNew) = interner.id(v, column: k) {
                if isNew {
                    CompactAttributes.appendVarint(id, to: &fresh)
                    CompactAttributes.appendVarint(v.count, to: &fresh)
                    fresh.append(contentsOf: v)
                    freshCount += 1
                }
                CompactAttributes.appendVarint(id << 1 | 1, to: &blob)
            } else {
                CompactAttributes.appendVarint(v.count << 1, to: &blob)
                blob.append(contentsOf: v)
            }
        }
        CompactAttributes.appendVarint(freshCount, to: &out)
        out.append(contentsOf: fresh)
        out.append(contentsOf: blob)
    }
}

/// The 64-bit hashes of the product keys of one file, on the parsing thread, to tell that no key
/// starts two products (then the import has nothing to merge). Open addressing; at most
/// ``maxSlots`` slots (4 MB, 393,216 keys: about 270 MB at one product per row): a file with more
/// products gives up, and is checked in SQL.
struct KeyHashSet {
    static let maxSlots = 1 << 19
    private var slots: [UInt64] = []
    private var count = 0
    /// A hash seen twice, or the set given up.
    private(set) var mayRepeat = false

    mutating func insert(_ key: UnsafeRawBufferPointer) {
        if mayRepeat { return }
        if slots.isEmpty { slots = [UInt64](repeating: 0, count: 1 << 14) }
        if (count + 1) * 4 > slots.count * 3 {
            if slots.count >= KeyHashSet.maxSlots {
                mayRepeat = true
                slots = []
                return
            }
            let old = slots
            slots = [UInt64](repeating: 0, count: old.count * 2)
            for h in old where h != 0 { place(h) }
        }
        if !place(KeyHashSet.hash(key)) { mayRepeat = true }
        count += 1
    }

    /// Frees the slots (``mayRepeat`` stays).
    mutating func release() { slots = [] }

    /// Puts `h` in its slot; false when it is there already.
    @discardableResult private mutating func place(_ h: UInt64) -> Bool {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h >> 20) & mask
        while slots[i] != 0 {
            if slots[i] == h { return false }
            i = (i + 1) & mask
        }
        slots[i] = h
        return true
    }

    /// FNV-1a, then MurmurHash3's finaliser; never 0 (the empty slot).
    static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h = h &* 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h == 0 ? 1 : h
    }
}
