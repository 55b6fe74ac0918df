import CLibdeflate
import NIOCore

/// gzip through libdeflate (docs/adr/009-gzip-with-libdeflate.md). Public so that bench/bare's miss floor
/// compresses exactly as Warta's misses do.
public enum Gzip {
    /// The levels for the two uses of a page's gzip.
    public enum Level: Int32, Sendable {
        /// Compressed once and sent once (cache off, a signed-in page, a page too big to keep): the fastest level,
        /// about 35 µs for a 10 KB article page.
        case oneOff = 1
        /// A cache entry, compressed once and sent many times: within 1% of the best size at a tenth of its time.
        case kept = 9
    }

    /// The gzip of `bytes`, ready to send; nil if compression fails (the plain page goes out then).
    public static func compress(_ bytes: ByteBuffer, _ level: Level) -> ByteBuffer? {
        guard let compressor = libdeflate_alloc_compressor(level.rawValue) else { return nil }
        defer { libdeflate_free_compressor(compressor) }
        let bound = libdeflate_gzip_compress_bound(compressor, bytes.readableBytes)
        var compressed = ByteBufferAllocator().buffer(capacity: bound)
        let written = bytes.withUnsafeReadableBytes { input in
            compressed.writeWithUnsafeMutableBytes(minimumWritableBytes: bound) { output in
                libdeflate_gzip_compress(compressor, input.baseAddress, input.count, output.baseAddress, output.count)
            }
        }
        return written > 0 ? compressed : nil
    }
}
