import Foundation

/// What the previous successful build wrote: a fingerprint of its inputs and a digest per output
/// file. Kept beside the output (`.<name>.manifest`), never inside it, so it is not deployed.
///
/// It lets a rebuild skip everything when no input changed, and otherwise rewrite only the files
/// whose bytes changed (the others are hard-linked into the new tree before the atomic swap).
public struct BuildManifest: Sendable, Equatable {
    public var inputs: String
    /// Output path → digest of its bytes (or of the copied source's size and date).
    public var files: [String: String]
    /// Site prefix ("" for the index, "entites/<slug>/") → fingerprint of what the site was
    /// rendered from: a site whose fingerprint did not change is not rendered again.
    public var sites: [String: String]
    /// Folder path below the output → its stamp (`OutputFolder.stamp`) when its entries were
    /// last known to be exactly ours: a folder whose stamp is unchanged need not be read again
    /// to prove that it holds nothing foreign (`OutputFolder.problems`). Empty: read them all.
    public var folders: [String: String]

    public init(inputs: String, files: [String: String], sites: [String: String] = [:], folders: [String: String] = [:]) {
        self.inputs = inputs
        self.files = files
        self.sites = sites
        self.folders = folders
    }

    /// `.<name>.manifest` beside the folder (`.<name>.spare.manifest` for the hidden spare tree).
    static func location(for output: URL) -> URL {
        let name = output.lastPathComponent
        return output.deletingLastPathComponent().appendingPathComponent("\(name.hasPrefix(".") ? "" : ".")\(name).manifest")
    }

    static func read(for output: URL) -> BuildManifest? {
        guard let data = FileManager.default.contents(atPath: location(for: output).path) else { return nil }
        return parse(data)
    }

    /// The inputs fingerprint alone: the first lines of the manifest, without reading every file's line.
    static func readInputs(for output: URL) -> String? {
        guard let handle = FileHandle(forReadingAtPath: location(for: output).path) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 256) else { return nil }
        let lines = head.split(separator: UInt8(ascii: "\n"), maxSplits: 2, omittingEmptySubsequences: false)
        // Both lines must be whole (a newline after the fingerprint).
        guard lines.count == 3, String(decoding: lines[0], as: UTF8.self) == header else { return nil }
        return String(decoding: lines[1], as: UTF8.self)
    }

    private static let header = "transparence-manifest 2"

    /// Reads the text written by `write`: the header, the inputs, then `site <stamp> <prefix|.>`,
    /// `folder <stamp> <path>` and `<digest> <path>` lines. Anything else makes the whole manifest unreadable (nil).
    static func parse(_ data: Data) -> BuildManifest? {
        data.withUnsafeBytes { raw -> BuildManifest? in
            let bytes = raw.bindMemory(to: UInt8.self)
            let newline = UInt8(ascii: "\n"), space = UInt8(ascii: " ")
            var lines: [Range<Int>] = []
            var start = 0
            for index in bytes.indices where bytes[index] == newline {
                lines.append(start..<index)
                start = index + 1
            }
            lines.append(start..<bytes.count)
            func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
            guard lines.count >= 2, text(lines[0]) == header else { return nil }
            let inputs = text(lines[1])
            var files: [String: String] = [:]
            files.reserveCapacity(lines.count)
            var sites: [String: String] = [:]
            var folders: [String: String] = [:]
            for line in lines.dropFirst(2) where !line.isEmpty {
                guard let space = bytes[line].firstIndex(of: space) else { return nil }
                let first = text(line.lowerBound..<space), rest = space + 1..<line.upperBound
                if first == "site" {
                    guard let second = bytes[rest].firstIndex(of: UInt8(ascii: " ")) else { return nil }
                    let prefix = text(second + 1..<line.upperBound)
                    sites[prefix == "." ? "" : prefix] = text(rest.lowerBound..<second)
                } else if first == "folder" {
                    guard let second = bytes[rest].firstIndex(of: UInt8(ascii: " ")) else { return nil }
                    folders[text(second + 1..<line.upperBound)] = text(rest.lowerBound..<second)
                } else {
                    files[text(rest)] = first
                }
            }
            return BuildManifest(inputs: inputs, files: files, sites: sites, folders: folders)
        }
    }

    static func remove(for output: URL) {
        try? FileManager.default.removeItem(at: location(for: output))
    }

    /// Lines sorted by path (a manifest is the same for the same build), written
    /// as bytes: it has a line per file and per folder of the site, rewritten at every build.
    func write(for output: URL) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64 * (files.count + folders.count) + 256)
        func line(_ parts: String...) {
            for (index, part) in parts.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: " ")) }
                bytes.append(contentsOf: part.utf8)
            }
            bytes.append(UInt8(ascii: "\n"))
        }
        func sorted(_ entries: [String: String]) -> [(key: String, value: String)] {
            entries.sorted { $0.key < $1.key }
        }
        line(Self.header)
        line(inputs)
        for (prefix, stamp) in sorted(sites) { line("site", stamp, prefix.isEmpty ? "." : prefix) }
        for (path, stamp) in sorted(folders) { line("folder", stamp, path) }
        for (path, digest) in sorted(files) { line(digest, path) }
        Self.replace(Self.location(for: output), with: bytes)
    }

    /// Writes `text` to a temporary file beside `target`, then renames it over `target`: a
    /// reader (or a build killed meanwhile) sees the old file or the new one. On failure the
    /// target is removed, which only makes the next build do more.
    static func replace(_ target: URL, with text: String) {
        replace(target, with: Array(text.utf8))
    }

    static func replace(_ target: URL, with bytes: [UInt8]) {
        let temporary = target.appendingPathExtension("tmp")
        do {
            try Data(bytes).write(to: temporary)
            _ = rename(temporary.path, target.path)
        } catch {
            try? FileManager.default.removeItem(at: target)
        }
    }

    /// Digest of an output file: a hash of its bytes and their count (see `hash`), the same for
    /// the same bytes given as `text` or as `bytes`; or, for a copied file, the source's size and date.
    static func digest(_ content: OutputFile.Content) -> String {
        switch content {
        case let .text(text):
            var text = text
            return text.withUTF8(digest)
        case let .bytes(bytes):
            return bytes.withUnsafeBufferPointer(digest)
        case let .copy(source):
            return "copy-" + InputFingerprint.stamp(of: source)
        }
    }

    /// "<hash in hex>-<byte count>".
    private static func digest(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(hash(bytes), radix: 16) + "-" + String(bytes.count)
    }

    /// The bytes taken 8 at a time into four independent FNV-1a 64 lanes (each with a fold; four
    /// lanes keep the multiplier busy instead of waiting on one chain), combined, then the tail.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let prime: UInt64 = 0x100_0000_01b3
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (0xcbf2_9ce4_8422_2325, 0x8422_2325_cbf2_9ce4, 0x9ce4_cbf2_2325_8422, 0x2325_8422_9ce4_cbf2)
        let blocks = bytes.count / 32
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            @inline(__always) func mix(_ lane: inout UInt64, _ offset: Int) {
                lane ^= raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                lane &*= prime
                lane ^= lane >> 29  // the product only carries upwards: fold the top back down
            }
            for block in 0..<blocks {
                let offset = block * 32
                mix(&lanes.0, offset)
                mix(&lanes.1, offset + 8)
                mix(&lanes.2, offset + 16)
                mix(&lanes.3, offset + 24)
            }
        }
        var hash = lanes.0
        for lane in [lanes.1, lanes.2, lanes.3] {
            hash = (hash ^ lane) &* prime
            hash ^= hash >> 29
        }
        for byte in bytes[(blocks * 32)...] {
            hash ^= UInt64(byte)
            hash &*= prime
        }
        return hash
    }
}

/// A fingerprint of everything a build reads: file names, sizes and modification times of the
/// content and template folders, the options and the executable itself.
public enum InputFingerprint {
    /// The entries of the content and template folders, read once: a build takes its whole
    /// fingerprint and each site's from the same walk (two walks were two stats per file).
    struct Walk {
        let content: [Entry]
        let templates: [Entry]

        init(_ options: BuildOptions) {
            content = entries(of: options.content)
            templates = entries(of: options.templates)
        }
    }

    public static func compute(_ options: BuildOptions) -> String {
        compute(options, walk: Walk(options))
    }

    static func compute(_ options: BuildOptions, walk: Walk) -> String {
        hash(["entity=\(options.entity ?? "*")", "today=\(options.today.iso)", "exe=\(stamp(of: "/proc/self/exe"))",
              "root=\(options.content.path)"] + walk.content.map(\.line) + ["root=\(options.templates.path)"] + walk.templates.map(\.line))
    }

    /// A fingerprint of one folder's tree (`serve` uses it per entity).
    static func folder(_ root: URL, skipping skipped: ((Substring) -> Bool)? = nil) -> String {
        hash(entries(of: root, skipping: skipped).map(\.line))
    }

    /// What each site is rendered from, by prefix. An entity's site: its folder, the groups,
    /// site.yml, the templates, the options and the executable. The index: the same, for every
    /// entity, except their extra pages and root files (`entities/*/pages/`, `entities/*/racine/`),
    /// which the index never shows, plus its own root files (`racine/`).
    ///
    /// Each stamp is the one `folder` gives for those folders, cut out of `walk`; a folder the
    /// walk did not enter (a link, or below one) is walked on its own, as `folder` does.
    static func sites(_ sites: [(prefix: String, entitySlug: String?)], options: BuildOptions, walk: Walk? = nil) -> [String: String] {
        let walk = walk ?? Walk(options)
        // The entries below each top folder ("/groups") and each entity's ("/entities/a"), with
        // paths from there, as `entries(of:)` of that folder gives them.
        var below: [String: [Entry]] = [:]
        for entry in walk.content {
            let components = entry.path.split(separator: "/", maxSplits: 2)
            guard components.count >= 2 else { continue }
            below["/" + components[0], default: []].append(Entry(path: String(entry.path.dropFirst(components[0].count + 1)), stamp: entry.stamp))
            if components[0] == "entities", components.count == 3 {
                below["/entities/" + components[1], default: []].append(Entry(path: "/" + components[2], stamp: entry.stamp))
            }
        }
        func stamp(_ relative: String, skipping skipped: ((Substring) -> Bool)? = nil) -> String {
            let url = options.content.appendingPathComponent(String(relative.dropFirst()))
            var info = stat()
            // Not in the walk (missing, empty, or reached through a link it did not follow): alone.
            guard var entries = below[relative], lstat(url.path, &info) != 0 || (info.st_mode & S_IFMT) != S_IFLNK else {
                return folder(url, skipping: skipped)
            }
            if let skipped {
                // A skipped folder goes with everything below it, as in a walk that does not enter
                // it (sorted by path, a folder comes before what it holds).
                var left: Set<Substring> = []
                entries = entries.filter { entry in
                    let path = entry.path.dropFirst()
                    var start = path.startIndex
                    while let slash = path[start...].firstIndex(of: "/") {
                        if left.contains(path[..<slash]) { return false }
                        start = path.index(after: slash)
                    }
                    guard skipped(path) else { return true }
                    left.insert(path)
                    return false
                }
            }
            return hash(entries.map(\.line))
        }
        let common = hash(["entity=\(options.entity ?? "*")", "today=\(options.today.iso)", "exe=\(Self.stamp(of: "/proc/self/exe"))",
                           hash(walk.templates.map(\.line)), stamp("/groups"),
                           Self.stamp(of: options.content.appendingPathComponent("site.yml").path)])
        var stamps: [String: String] = [:]
        for site in sites {
            let own = site.entitySlug.map { stamp("/entities/\($0)") }
                ?? stamp("/entities") { relative in ["pages", "racine"].contains(relative.split(separator: "/").dropFirst().first) }
                + "|" + stamp("/racine")
            stamps[site.prefix] = hash([common, own])
        }
        return stamps
    }

    /// Every file and folder under `root`, sorted by path; `skipped` folders
    /// (by path relative to `root`, without a leading slash) are left out with their contents.
    ///
    /// Read with the folder's own descriptor (one `readdir` and one `fstatat` by name per entry):
    /// this runs over the whole content several times a build, and a walk by full paths cost
    /// about as much as rendering the page that was edited. Links are stamped as what they lead
    /// to and not walked into (the loader checks where they lead).
    static func entries(of root: URL, skipping skipped: ((Substring) -> Bool)? = nil) -> [Entry] {
        var entries: [Entry] = []
        func walk(_ descriptor: Int32, _ relative: String) {
            OutputFolder.forEachEntry(of: descriptor) { folder, name, isFolder in
                let path = relative + "/" + name
                if let skipped, skipped(path.dropFirst()) { return }
                var info = stat()
                entries.append(Entry(path: path, stamp: fstatat(folder, name, &info, 0) == 0 ? stamp(info) : "-"))
                if isFolder {
                    let inner = openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                    if inner >= 0 { walk(inner, path) }
                }
            }
        }
        let descriptor = open(root.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor >= 0 { walk(descriptor, "") }
        return entries.sorted { $0.path < $1.path }
    }

    /// A file or folder below a root: its path from there ("/entities/a/entity.yml") and stamp.
    struct Entry {
        let path: String
        let stamp: String
        var line: String { path + ":" + stamp }
    }

    static func hash(_ parts: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in parts.joined(separator: "\n").utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    /// "size:mode:modified:changed" of a path, "-" when it does not exist. The change time moves
    /// with permissions too: a file made unreadable (or readable again) is read again, and its
    /// error reported, instead of "nothing to do".
    static func stamp(of path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "-" }
        return stamp(info)
    }

    private static func stamp(_ info: stat) -> String {
        "\(info.st_size):\(String(info.st_mode, radix: 8)):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec):\(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)"
    }
}

/// The warnings of the last successful build, kept beside the output (`.<name>.warnings`), so that
/// a rebuild with nothing to do still tells them without loading the content again. The first line
/// is the inputs fingerprint they belong to: a record of other inputs is never shown.
enum BuildWarnings {
    static func location(for output: URL) -> URL {
        let name = output.lastPathComponent
        return output.deletingLastPathComponent().appendingPathComponent("\(name.hasPrefix(".") ? "" : ".")\(name).warnings")
    }

    static func write(_ diagnostics: Diagnostics, inputs: String, for output: URL) {
        var text = inputs + "\n"
        for d in diagnostics.warnings {
            let fields = [d.file, d.line.map(String.init) ?? "", d.column.map(String.init) ?? "", d.field ?? "", d.message]
            text += fields.map(escape).joined(separator: "\t") + "\n"
        }
        BuildManifest.replace(location(for: output), with: text)
    }

    /// The recorded warnings, or nil when there is no record for `inputs` (then validate again).
    static func read(inputs: String, for output: URL) -> Diagnostics? {
        guard let data = FileManager.default.contents(atPath: location(for: output).path) else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 2, lines.first.map(String.init) == inputs, lines.last == "" else { return nil }
        var diagnostics = Diagnostics()
        for line in lines.dropFirst().dropLast() {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map { unescape(String($0)) }
            guard f.count == 5 else { return nil }
            diagnostics.append(Diagnostic(.warning, file: f[0], line: Int(f[1]), column: Int(f[2]), field: f[3].isEmpty ? nil : f[3], message: f[4]))
        }
        return diagnostics
    }

    private static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t").replacingOccurrences(of: "\n", with: "\\n")
    }

    private static func unescape(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var out = "", escaped = false
        for c in s {
            if escaped {
                out.append(c == "t" ? "\t" : c == "n" ? "\n" : c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}
