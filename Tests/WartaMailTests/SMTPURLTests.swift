import Testing
import WartaMail

@Suite struct SMTPURLTests {
    @Test func readsTheThreeForms() throws {
        let submission = try SMTPConfiguration(url: "smtp://rina%40kabar.example:p%3Ass%2Fw%25rd@mail.example:2587")
        #expect(submission.host == "mail.example")
        #expect(submission.port == 2587)
        #expect(submission.security == .starttlsRequired)
        #expect(submission.credentials == .init(username: "rina@kabar.example", password: "p:ss/w%rd"))

        let sink = try SMTPConfiguration(url: "smtp://127.0.0.1:2525?starttls=off")
        #expect(sink.security == .starttlsOff && sink.credentials == nil && sink.port == 2525)

        let implicit = try SMTPConfiguration(url: "smtps://u:p@[::1]")
        #expect(implicit.security == .implicitTLS && implicit.port == 465 && implicit.host == "::1")
        #expect(try SMTPConfiguration(url: "SMTP://mail.example/").port == 587)
    }

    @Test func refusesBadURLsWithTheReason() {
        let cases: [(String, SMTPURLError)] = [
            ("http://mail.example", .unsupportedScheme("http")),
            ("mail.example:587", .malformed),
            ("smtp://", .missingHost),
            ("smtp://u:p@:25", .missingHost),
            ("smtp://mail.example:0", .invalidPort("0")),
            ("smtp://mail.example:smtp", .invalidPort("smtp")),
            ("smtp://mail.example:70000", .invalidPort("70000")),
            ("smtp://u%zz:p@mail.example", .invalidPercentEncoding),
            ("smtp://u:p%ff@mail.example", .invalidPercentEncoding),
            ("smtp://mail.example?tls=off", .unknownOption("tls=off")),
            ("smtp://mail.example?starttls=maybe", .unknownOption("starttls=maybe")),
            ("smtps://mail.example?starttls=off", .starttlsWithImplicitTLS),
            ("smtp://mail.example/path", .malformed),
            ("smtp://:p@mail.example", .malformed),
        ]
        for (url, expected) in cases {
            #expect(throws: expected, "\(url)") { try SMTPConfiguration(url: url) }
        }
    }

    @Test func heloNameCannotCarryACommand() {
        var configuration = SMTPConfiguration(host: "mail.example", heloName: "kabar.example\r\nRSET")
        #expect(configuration.heloName == "kabar.exampleRSET")
        configuration.heloName = " \r\n"
        #expect(configuration.heloName == "localhost")
        #expect(SMTPConfiguration(host: "mail.example", heloName: "[192.0.2.1]").heloName == "[192.0.2.1]")
    }

    @Test func credentialsNeverPrintThePassword() throws {
        let configuration = try SMTPConfiguration(url: "smtp://rina:hunter2@mail.example")
        #expect(!"\(configuration)".contains("hunter2"))
    }
}
