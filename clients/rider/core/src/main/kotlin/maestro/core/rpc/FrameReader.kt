package maestro.core.rpc

import java.io.BufferedInputStream
import java.io.ByteArrayOutputStream
import java.io.IOException
import java.io.InputStream

/**
 * Reads LSP-framed messages (`Content-Length: N\r\n\r\n` then N bytes of UTF-8 JSON) from a stream.
 * [read] returns null at a clean end of stream and throws [IOException] when the stream ends mid-frame.
 */
class FrameReader(input: InputStream) {
    private val input = if (input is BufferedInputStream) input else BufferedInputStream(input)

    fun read(): String? {
        var contentLength = -1
        while (true) {
            val line = readHeaderLine() ?: return if (contentLength < 0) null else throw IOException("stream ended inside a header")
            if (line.isEmpty()) {
                if (contentLength < 0) continue
                break
            }
            val colon = line.indexOf(':')
            if (colon < 0) throw IOException("malformed header line: $line")
            val name = line.substring(0, colon).trim()
            val value = line.substring(colon + 1).trim()
            if (name.equals("Content-Length", ignoreCase = true)) {
                contentLength = value.toIntOrNull() ?: throw IOException("bad Content-Length: $value")
            }
        }
        val body = input.readNBytes(contentLength)
        if (body.size < contentLength) throw IOException("stream ended inside a frame body")
        return String(body, Charsets.UTF_8)
    }

    private fun readHeaderLine(): String? {
        val buffer = ByteArrayOutputStream()
        while (true) {
            val b = input.read()
            if (b < 0) return if (buffer.size() == 0) null else throw IOException("stream ended inside a header")
            if (b == '\n'.code) {
                val bytes = buffer.toByteArray()
                val end = if (bytes.isNotEmpty() && bytes.last() == '\r'.code.toByte()) bytes.size - 1 else bytes.size
                return String(bytes, 0, end, Charsets.US_ASCII)
            }
            buffer.write(b)
        }
    }
}
