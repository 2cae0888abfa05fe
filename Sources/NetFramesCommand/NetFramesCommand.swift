import ArgumentParser

/// The `netframes` command: trains small networks and shows every step of learning.
@main
struct NetFramesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "netframes",
        abstract: "Shows how a neural network learns, frame by frame.",
        discussion: """
            Train a small fully connected network described in a run file (YAML or JSON) \
            and record every step of learning: each layer of the forward pass, the cost, \
            each layer of backpropagation and each weight update.

            Examples:
              netframes demo
              netframes render examples/xor.yaml --format mp4
              netframes record examples/two-two-two.yaml
              netframes explain examples/two-two-two.yaml --format html
            """,
        version: "0.1.0",
        subcommands: [Demo.self, Render.self, Record.self, Batch.self, Assemble.self, Explain.self]
    )
}
