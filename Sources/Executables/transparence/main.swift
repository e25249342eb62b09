import ArgumentParser
import TransparenceCommands

// `transparence`: every command but `serve`, which runs `transparence-serve` (see `Serve`).
Transparence.main()
