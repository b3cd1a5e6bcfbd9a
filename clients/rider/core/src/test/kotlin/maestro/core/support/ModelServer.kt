package maestro.core.support

import com.google.gson.JsonParser
import java.io.BufferedReader
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse

/** The scripted model server process (tests/Maestro.ModelServerHost); it exits when its stdin closes. */
class ModelServer : AutoCloseable {
    private val process: Process = ProcessBuilder(Repo.modelServer.path)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start()
    val modelUrl: String
    private val controlUrl: String
    private val http = HttpClient.newHttpClient()

    init {
        val line = BufferedReader(process.inputStream.reader()).readLine() ?: error("the model server printed nothing")
        val urls = JsonParser.parseString(line).asJsonObject
        modelUrl = urls.get("modelUrl").asString
        controlUrl = urls.get("controlUrl").asString
    }

    fun enqueueTurn(stepsJson: String) = post("/turns", """{"steps":$stepsJson}""")

    fun setFault(faultJson: String) = post("/fault", faultJson)

    private fun post(path: String, body: String) {
        val request = HttpRequest.newBuilder(URI.create(controlUrl + path))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build()
        val response = http.send(request, HttpResponse.BodyHandlers.ofString())
        check(response.statusCode() in 200..299) { "$path answered ${response.statusCode()}: ${response.body()}" }
    }

    override fun close() {
        runCatching { process.outputStream.close() }
        if (!process.waitFor(3, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly()
    }
}
