import Foundation
import Testing

/// Runs Debian's Python (`/usr/bin/python3`, where python3-feedparser lives) on a script with `input` on stdin and
/// returns stdout: feeds and sitemaps are read by parsers that share no code with the server.
func runPython(_ script: String, input: Data) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    process.arguments = ["-c", script]
    let (stdin, stdout, stderr) = (Pipe(), Pipe(), Pipe())
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    // Written from another thread: a large input must not fill the pipe while stdout is unread.
    let writer = Thread {
        stdin.fileHandleForWriting.write(input)
        try? stdin.fileHandleForWriting.close()
    }
    writer.start()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    let errors = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw TestSetupError("python3 failed: " + String(decoding: errors, as: UTF8.self))
    }
    return output
}

/// What Python feedparser makes of a feed, reduced to the keys the tests check.
struct ParsedFeed: Decodable {
    struct Link: Decodable {
        let href: String
        let rel: String
    }
    struct Entry: Decodable {
        let title: String?
        let link: String?
        let id: String?
        let author: String?
        let published: String?
        let updated: String?
        let summary: String?
        let content: [String]
    }
    let bozo: Int
    let bozoException: String
    let version: String
    let title: String?
    let link: String?
    let language: String?
    let links: [Link]
    let entries: [Entry]

    static let script = """
        import sys, json, time, feedparser
        d = feedparser.parse(sys.stdin.buffer.read())
        def t(v): return time.strftime('%Y-%m-%dT%H:%M:%SZ', v) if v else None
        f = d.feed
        print(json.dumps({
          'bozo': int(d.bozo), 'bozoException': str(d.get('bozo_exception', '')), 'version': d.version,
          'title': f.get('title'), 'link': f.get('link'), 'language': f.get('language'),
          'links': [{'href': l.get('href', ''), 'rel': l.get('rel', '')} for l in f.get('links', [])],
          'entries': [{'title': e.get('title'), 'link': e.get('link'), 'id': e.get('id'), 'author': e.get('author'),
            'published': t(e.get('published_parsed')), 'updated': t(e.get('updated_parsed')),
            'summary': e.get('summary'), 'content': [c.value for c in e.get('content', [])]} for e in d.entries]}))
        """

    static func parse(_ body: Data) throws -> ParsedFeed {
        try JSONDecoder().decode(ParsedFeed.self, from: runPython(script, input: body))
    }
}

/// An XML document as Python's `xml.etree` reads it: every element as `{namespace}name` and its text, in order.
struct ParsedXML: Decodable {
    struct Element: Decodable, Equatable {
        let tag: String
        let text: String
    }
    let root: String
    let elements: [Element]

    static let script = """
        import sys, json, xml.etree.ElementTree as ET
        root = ET.fromstring(sys.stdin.buffer.read())
        print(json.dumps({'root': root.tag,
          'elements': [{'tag': e.tag, 'text': (e.text or '').strip()} for e in root.iter()]}))
        """

    static func parse(_ body: Data) throws -> ParsedXML {
        try JSONDecoder().decode(ParsedXML.self, from: runPython(script, input: body))
    }

    func texts(_ tag: String) -> [String] { elements.filter { $0.tag == tag }.map(\.text) }
}
