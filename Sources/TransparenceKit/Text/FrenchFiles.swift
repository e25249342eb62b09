extension French {
    /// "800 octets", "350 Ko", "1,2 Mo", "3,4 Go".
    ///
    /// Multiples of 1024 (1 Ko = 1024 octets), the convention of the file explorers readers use,
    /// so the size shown matches the one they see once the file is downloaded. One decimal below
    /// 10 units, none above; U+00A0 before the unit.
    public static func fileSize(bytes: Int) -> String {
        if bytes < 1024 { return "\(number(Double(bytes)))\u{00A0}\(abs(bytes) < 2 ? "octet" : "octets")" }
        var value = Double(bytes) / 1024
        for (i, unit) in ["Ko", "Mo", "Go", "To"].enumerated() {
            let digits = value < 9.95 ? 1 : 0
            let text = number(value, maximumFractionDigits: digits)
            if value.rounded() < 1024 || i == 3 { return "\(text)\u{00A0}\(unit)" }
            value /= 1024
        }
        return "\(bytes)\u{00A0}octets"
    }

    /// Readable format name for a file extension (with or without the dot, any case):
    /// "PDF", "Word", "Excel", "OpenDocument texte", "image PNG"… otherwise the extension uppercased.
    public static func fileFormat(extension ext: String) -> String {
        var key = ext.lowercased()
        while key.hasPrefix(".") { key.removeFirst() }
        return fileFormats[key] ?? key.uppercased()
    }

    private static let fileFormats: [String: String] = [
        "pdf": "PDF",
        "doc": "Word", "docx": "Word", "xls": "Excel", "xlsx": "Excel",
        "ppt": "PowerPoint", "pptx": "PowerPoint",
        "odt": "OpenDocument texte", "ods": "OpenDocument tableur",
        "odp": "OpenDocument présentation", "odg": "OpenDocument dessin",
        "rtf": "RTF", "txt": "texte", "md": "texte Markdown",
        "csv": "CSV", "json": "JSON", "xml": "XML", "html": "HTML", "htm": "HTML",
        "ics": "agenda iCalendar", "epub": "EPUB",
        "png": "image PNG", "jpg": "image JPEG", "jpeg": "image JPEG", "gif": "image GIF",
        "svg": "image SVG", "webp": "image WebP", "avif": "image AVIF", "tif": "image TIFF",
        "tiff": "image TIFF",
        "mp3": "audio MP3", "ogg": "audio Ogg", "wav": "audio WAV",
        "mp4": "vidéo MP4", "webm": "vidéo WebM",
        "zip": "archive ZIP", "7z": "archive 7-Zip",
    ]
}
