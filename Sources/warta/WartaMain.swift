import ArgumentParser
import WartaApp

/// The entry point: the event loops become Swift concurrency's executor before any command runs.
@main
enum WartaMain {
    static func main() async {
        EventLoops.takeOverConcurrency()
        await Warta.main()
    }
}
