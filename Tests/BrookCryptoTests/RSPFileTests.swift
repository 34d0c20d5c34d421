import BrookVectors
import Testing

@Suite("RSPFile")
struct RSPFileTests {
    @Test func parsesSectionsRecordsAndBareWordsWithCRLF() throws {
        let text = "# CAVS 11.0\r\n\r\n[Keylen = 128]\r\n[IVlen = 96]\r\n\r\nCount = 0\r\nKey = 00ff\r\nFAIL\r\n\r\nCount = 1\r\nKey = \r\n\r\n[Keylen = 256]\r\n\r\nCount = 0\r\nKey = 01\r\n"
        let file = RSPFile(text: text)
        #expect(file.records.count == 3)
        let first = try #require(file.records.first)
        #expect(first.sections == ["Keylen = 128", "IVlen = 96"])
        #expect(first.sectionValue("IVlen") == "96")
        #expect(first.bytes("Key") == [0x00, 0xff])
        #expect(first.has("FAIL") && first["FAIL"] == "")
        #expect(first.line == 6)
        #expect(file.records[1].bytes("Key") == [])
        #expect(file.records[2].sections == ["Keylen = 256"])
        #expect(file.records[2].int("Count") == 0)
    }

    @Test func malformedHexIsNil() {
        let file = RSPFile(text: "Key = 0g\nOdd = 123\n")
        #expect(file.records.count == 1)
        #expect(file.records[0].bytes("Key") == nil)
        #expect(file.records[0].bytes("Odd") == nil)
        #expect(file.records[0].bytes("Missing") == nil)
    }
}
