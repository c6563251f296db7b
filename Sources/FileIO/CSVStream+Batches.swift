import Foundation

extension CSVStream {
    /// Parsed records: their bytes back to back, field offsets, and per record the index of its
    /// first offset, its field count and its line.
    final class Batch: @unchecked Sendable {
        static let target = 256 * 1024
        var bytes: UnsafeMutableRawPointer
        var byteCount = 0
        var byteCapacity: Int
        var offsets: UnsafeMutablePointer<Int>
        var offsetCount = 0
        var offsetCapacity: Int
        var records: [(offset: Int, fields: Int, line: Int)] = []
        /// Bytes of the file read when this batch was handed over.
        var bytesRead = 0
        /// What the stream's ``CSVStream/RecordPreparer`` wrote for each record: `extraEnds[i]`
        /// is where record i's bytes end in `extra`.
        var extra: [UInt8] = []
        var extraEnds: [Int] = []

        init() {
            byteCapacity = Batch.target + 64 * 1024
            bytes = UnsafeMutableRawPointer.allocate(byteCount: byteCapacity, alignment: 16)
            offsetCapacity = 16 * 1024
            offsets = UnsafeMutablePointer<Int>.allocate(capacity: offsetCapacity)
            records.reserveCapacity(4096)
        }

        deinit {
            bytes.deallocate()
            offsets.deallocate()
        }

        func clear() {
            byteCount = 0
            offsetCount = 0
            records.removeAll(keepingCapacity: true)
            extra.removeAll(keepingCapacity: true)
            extraEnds.removeAll(keepingCapacity: true)
        }

        func record(_ i: Int) -> CSVRecord {
            let r = records[i]
            return CSVRecord(
                arena: UnsafeRawPointer(bytes), starts: UnsafePointer(offsets + r.offset), count: r.fields, line: r.line)
        }

        @inline(__always)
        func appendBytes(_ p: UnsafeRawPointer, _ n: Int) {
            if byteCount + n > byteCapacity { reserve(bytes: n, offsets: 0) }
            (bytes + byteCount).copyMemory(from: p, byteCount: n)
            byteCount += n
        }

        /// Room for `bytes` more bytes and `offsets` more offsets (capacities double).
        func reserve(bytes n: Int, offsets k: Int) {
            if byteCount + n > byteCapacity {
                var capacity = byteCapacity * 2
                while byteCount + n > capacity { capacity *= 2 }
                let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
                grown.copyMemory(from: bytes, byteCount: byteCount)
                bytes.deallocate()
                bytes = grown
                byteCapacity = capacity
            }
            if offsetCount + k > offsetCapacity {
                var capacity = offsetCapacity * 2
                while offsetCount + k > capacity { capacity *= 2 }
                let grown = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
                grown.update(from: offsets, count: offsetCount)
                offsets.deallocate()
                offsets = grown
                offsetCapacity = capacity
            }
        }

        @inline(__always)
        func appendOffset(_ o: Int) {
            if offsetCount == offsetCapacity { reserve(bytes: 0, offsets: 1) }
            offsets[offsetCount] = o
            offsetCount += 1
        }
    }

    /// Hands batches from the parsing thread to the consumer, at most `capacity` at a time, and
    /// recycles them.
    final class Pipe: @unchecked Sendable {
        enum Item {
            case batch(Batch)
            case end
            case failure(Error)
        }
        let condition = NSCondition()
        var items: [Item] = []
        var free: [Batch] = []
        var cancelled = false
        let capacity = 4
        /// Set before the parsing thread starts, run on it.
        var prepare: RecordPreparer?

        /// Blocks while the queue is full; false when the consumer gave up.
        func put(_ item: Item) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            while items.count >= capacity && !cancelled { condition.wait() }
            if cancelled { return false }
            items.append(item)
            condition.broadcast()
            return true
        }

        func take() -> Item {
            condition.lock()
            defer { condition.unlock() }
            while items.isEmpty { condition.wait() }
            let item = items.removeFirst()
            condition.broadcast()
            return item
        }

        func recycle(_ batch: Batch) {
            batch.clear()
            condition.lock()
            free.append(batch)
            condition.unlock()
        }

        func freshBatch() -> Batch {
            condition.lock()
            defer { condition.unlock() }
            return free.popLast() ?? Batch()
        }

        func cancel() {
            condition.lock()
            cancelled = true
            condition.broadcast()
            condition.unlock()
        }

        var isCancelled: Bool {
            condition.lock()
            defer { condition.unlock() }
            return cancelled
        }
    }
}

extension CSVStream.State {
    func handOver() {
        batch.bytesRead = bytesRead
        if let prepare = pipe.prepare {
            // Locals: an inout class property would be checked for exclusive access per record.
            var extra = batch.extra
            var ends = batch.extraEnds
            batch.extra = []
            batch.extraEnds = []
            for i in batch.records.indices {
                prepare(batch.record(i), &extra)
                ends.append(extra.count)
            }
            batch.extra = extra
            batch.extraEnds = ends
        }
        if !pipe.put(.batch(batch)) {
            stopped = CancellationError()
            return
        }
        batch = pipe.freshBatch()
    }
}
