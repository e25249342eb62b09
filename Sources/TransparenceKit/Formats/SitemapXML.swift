/// `sitemap.xml` (sitemaps.org protocol) and `robots.txt` for one site.
enum SitemapXML {
    static func render(baseURL: String, paths: [String]) -> String {
        var xml: [UInt8] = []
        xml.reserveCapacity(256 + paths.count * (32 + baseURL.utf8.count + 48))
        xml.append(utf8: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
        for path in paths {
            xml.append(utf8: "  <url><loc>")
            xml.append(utf8: escape(baseURL + path))
            xml.append(utf8: "</loc></url>\n")
        }
        xml.append(utf8: "</urlset>\n")
        return UTF8Bytes.string(xml)
    }

    static func robots(baseURL: String) -> String {
        "User-agent: *\nAllow: /\nSitemap: \(baseURL)sitemap.xml\n"
    }

    static func escape(_ text: String) -> String {
        // URLs seldom hold any of these: then the text is already escaped (one byte scan instead
        // of five searches; the characters are ASCII, see `UTF8Bytes`).
        guard UTF8Bytes.contains(text, where: { byte in
            byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
        }) else { return text }
        return text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&apos;")
    }
}
