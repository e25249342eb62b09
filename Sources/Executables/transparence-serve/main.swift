import ArgumentParser
import TransparenceCommands
import TransparenceServe

// `transparence-serve`: the same commands, with the preview's HTTP server linked in.
// `transparence serve …` runs this binary with the same arguments.
Serve.startServer = { session, port in try session.start(port: port) }
Transparence.main()
