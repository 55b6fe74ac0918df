import Testing
import WartaMail

@Suite struct MailAddressTests {
    @Test func acceptsOrdinaryAndInternationalAddresses() throws {
        #expect(try MailAddress(" redaksi@kabar.example ").description == "redaksi@kabar.example")
        #expect(try MailAddress("rina+berita@example.co.id").domain == "example.co.id")
        #expect(try MailAddress("pembaca@contoh.example").needsUTF8 == false)
        #expect(try MailAddress("rédaction@exemple.fr").needsUTF8)
    }

    @Test func refusesWhatServersRefuse() {
        #expect(throws: MailAddress.Problem.missingAt) { try MailAddress("redaksi") }
        #expect(throws: MailAddress.Problem.emptyLocalPart) { try MailAddress("@kabar.example") }
        #expect(throws: MailAddress.Problem.emptyDomain) { try MailAddress("redaksi@") }
        #expect(throws: MailAddress.Problem.tooLong) {
            try MailAddress(String(repeating: "a", count: 65) + "@x.example")
        }
        #expect(throws: MailAddress.Problem.forbiddenCharacter) { try MailAddress("a b@x.example") }
        #expect(throws: MailAddress.Problem.forbiddenCharacter) {
            try MailAddress("a@x.example>\r\nRCPT TO:<b@y.example")
        }
    }
}
