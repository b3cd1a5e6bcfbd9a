// The Maestro plugin for Rider (and any IntelliJ-platform IDE of the same build).
// Needs Gradle 9 and the JetBrains repositories (`./gradlew buildPlugin`); see docs/rider.md.
// The IDE-free core in ../core is compiled into the plugin from its sources.
plugins {
    id("org.jetbrains.kotlin.jvm") version "2.2.20"
    id("org.jetbrains.intellij.platform") version "2.11.0"
}

group = "dev.maestro"
version = providers.gradleProperty("pluginVersion").get()

kotlin {
    jvmToolchain(21)
}

repositories {
    mavenCentral()
    intellijPlatform {
        defaultRepositories()
        // Rider from the Maven repository (useInstaller = false) comes without a JetBrains Runtime: fetch one,
        // or runIde starts on a plain JDK without JCEF and the tool window falls back to the Swing list.
        jetbrainsRuntime()
    }
}

sourceSets {
    main {
        kotlin.srcDir("../core/src/main/kotlin")
        // The shared panel bundle, when it has been built (clients/panel: npm run build).
        resources.srcDir(layout.buildDirectory.dir("generated/panel"))
    }
}

dependencies {
    // The core's JSON library. The platform ships a Gson too, but not as an API plugins may rely on.
    implementation("com.google.code.gson:gson:2.10.1")
    intellijPlatform {
        // Rider needs the non-installer distribution (IntelliJ Platform Gradle Plugin warns otherwise).
        rider(providers.gradleProperty("platformVersion").get()) {
            useInstaller = false
        }
        jetbrainsRuntime()
    }
}

val copyPanel by tasks.registering(Copy::class) {
    from("../../panel/dist")
    into(layout.buildDirectory.dir("generated/panel/panel/dist"))
}
tasks.named("processResources") { dependsOn(copyPanel) }

// The servers ./build.sh published (artifacts/server/<rid>: this machine's, or all five with --all-platforms) go into
// the plugin as server/<target>/, named as VS Code names its VSIX targets; maestro.core.server.ServerLocator picks
// the one for the IDE's platform. Gradle's copy keeps the Unix modes; the locator restores the execute bit if an
// installer dropped it.
val serverTargets = mapOf(
    "linux-x64" to "linux-x64",
    "linux-arm64" to "linux-arm64",
    "osx-x64" to "darwin-x64",
    "osx-arm64" to "darwin-arm64",
    "win-x64" to "win32-x64",
)
tasks.prepareSandbox {
    for ((rid, target) in serverTargets) {
        from(rootDir.resolve("../../../artifacts/server/$rid")) {
            into("${intellijPlatform.projectName.get()}/server/$target")
        }
    }
}

intellijPlatform {
    pluginConfiguration {
        id = "dev.maestro.rider"
        name = "Maestro"
        version = project.version.toString()
        ideaVersion {
            sinceBuild = "253"
        }
    }
    buildSearchableOptions = false
}
