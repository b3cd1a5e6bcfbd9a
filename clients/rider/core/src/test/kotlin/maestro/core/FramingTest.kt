package maestro.core

import maestro.core.rpc.FrameReader
import maestro.core.rpc.FrameWriter
import org.junit.jupiter.api.Test
import java.io.ByteArrayInputStream
import java.io.ByteArrayOutputStream
import java.io.IOException
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull

class FramingTest {
    @Test
    fun `frames round-trip with multi-byte UTF-8 bodies`() {
        val out = ByteArrayOutputStream()
        val writer = FrameWriter(out)
        writer.write("""{"a":"é✓"}""")
        writer.write("{}")
        val text = out.toByteArray().decodeToString()
        assertEquals("Content-Length: 13\r\n\r\n{\"a\":\"é✓\"}Content-Length: 2\r\n\r\n{}", text)
        val reader = FrameReader(ByteArrayInputStream(out.toByteArray()))
        assertEquals("""{"a":"é✓"}""", reader.read())
        assertEquals("{}", reader.read())
        assertNull(reader.read())
    }

    @Test
    fun `a Content-Type header is accepted and a truncated body is an error`() {
        val frame = "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: 2\r\n\r\n{}"
        assertEquals("{}", FrameReader(ByteArrayInputStream(frame.toByteArray())).read())
        val truncated = FrameReader(ByteArrayInputStream("Content-Length: 10\r\n\r\n{}".toByteArray()))
        assertFailsWith<IOException> { truncated.read() }
    }
}
