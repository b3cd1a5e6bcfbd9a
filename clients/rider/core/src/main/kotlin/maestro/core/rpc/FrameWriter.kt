package maestro.core.rpc

import java.io.OutputStream

/** Writes LSP-framed messages; one frame at a time, whichever thread calls. */
class FrameWriter(private val output: OutputStream) {
    private val lock = Any()

    fun write(json: String) {
        val body = json.toByteArray(Charsets.UTF_8)
        val header = "Content-Length: ${body.size}\r\n\r\n".toByteArray(Charsets.US_ASCII)
        synchronized(lock) {
            output.write(header)
            output.write(body)
            output.flush()
        }
    }

    fun close() = synchronized(lock) { output.close() }
}
