import Foundation

/// Files published as they are at the root of a site, for what the site cannot make itself: a
/// `CNAME`, `.well-known/…`, a search engine's `googleXXXX.html` verification file.
///
/// `content/racine/` goes to the root of the index site (the output root of a full build);
/// `content/entities/<slug>/racine/` to the root of that entity's site (`entites/<slug>/`, or the
/// output root with `--entity`). Files are copied byte for byte and listed in the manifest like
/// any output file. This is the only place such files can live: a file added by hand to the
/// output is refused by the build (see `OutputFolder`).
enum RootFiles {
    /// Top-level names of the index site that belong to other sites or generated folders.
    static let reservedInIndex: Set<String> = ["entites", "groupes"]

    /// The files of `relative` (a `racine` folder under the content root), as output files under
    /// `prefix`. Symbolic links, special files, unreadable files, names that a manifest line
    /// cannot hold, and anything whose real path leaves the content folder are reported, not copied.
    static func read(_ relative: String, contentRoot: URL, displayRoot: String, prefix: String,
                     reserved: Set<String> = [], report: Report) -> [OutputFile] {
        let root = contentRoot.appendingPathComponent(relative).path
        func display(_ path: String) -> String {
            let inside = path.isEmpty ? relative : "\(relative)/\(path)"
            return displayRoot.isEmpty ? inside : "\(displayRoot)/\(inside)"
        }
        var info = stat()
        guard lstat(root, &info) == 0 else { return [] }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            report.error((info.st_mode & S_IFMT) == S_IFLNK ? Message.rootIsLink : Message.rootNotFolder, file: display(""))
            return []
        }
        // The folder must really be inside the content folder (no link above it leading out).
        guard let realRoot = realPath(root), let realContent = realPath(contentRoot.path),
              realRoot.hasPrefix(realContent + "/") else {
            report.error(Message.rootLeadsOut, file: display(""))
            return []
        }
        var files: [OutputFile] = []
        func walk(_ inside: String) {
            let folder = inside.isEmpty ? realRoot : realRoot + "/" + inside
            guard let stream = opendir(folder) else {
                report.error(Message.unreadableFolder(String(cString: strerror(errno))), file: display(inside))
                return
            }
            var names: [String] = []
            while let entry = readdir(stream) {
                let bytes = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
                guard bytes != [0x2E], bytes != [0x2E, 0x2E] else { continue }
                guard let name = String(validating: bytes, as: UTF8.self), !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                    report.error(Message.unreadableName(String(decoding: bytes, as: UTF8.self)), file: display(inside))
                    continue
                }
                names.append(name)
            }
            closedir(stream)
            for name in names.sorted() {
                let path = inside.isEmpty ? name : inside + "/" + name
                if inside.isEmpty, reserved.contains(name) {
                    report.error(Message.reservedName(name), file: display(path))
                    continue
                }
                var info = stat()
                guard lstat(folder + "/" + name, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    walk(path)
                case S_IFREG:
                    guard access(folder + "/" + name, R_OK) == 0 else {
                        report.error(Message.unreadableFile(mode: info.st_mode), file: display(path))
                        continue
                    }
                    files.append(OutputFile(path: prefix + path, content: .copy(from: folder + "/" + name)))
                default:
                    report.error(Message.refusedKind(info.st_mode), file: display(path))
                }
            }
        }
        walk("")
        return files
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

extension RootFiles {
    /// The French texts of the `racine/` rules, beside them.
    enum Message {
        static let rootIsLink = "racine/ est un lien symbolique : mettez-y les fichiers eux-mêmes."
        static let rootNotFolder = "racine/ doit être un dossier (fichiers publiés tels quels à la racine du site)."
        static let rootLeadsOut = "racine/ mène hors du dossier de contenu : mettez-y les fichiers eux-mêmes."
        /// `reason`: the system's word for the failure.
        static func unreadableFolder(_ reason: String) -> String { "dossier illisible (\(reason)) : donnez le droit de lecture." }
        static func unreadableName(_ name: String) -> String {
            "nom de fichier illisible « \(name) » (caractères invalides) : renommez-le."
        }
        static func reservedName(_ name: String) -> String {
            "« \(name) » est réservé aux pages générées du site d'index : ce nom ne peut pas être publié depuis racine/."
        }
        static func unreadableFile(mode: mode_t) -> String {
            "fichier illisible (droits \(OutputFolder.modeText(mode))) : donnez le droit de lecture."
        }
        /// A link, a named pipe, a socket or another special file (file type of `mode`).
        static func refusedKind(_ mode: mode_t) -> String {
            let kind = switch mode & S_IFMT {
            case S_IFLNK: "lien symbolique"
            case S_IFIFO: "tube nommé"
            case S_IFSOCK: "socket"
            default: "fichier spécial"
            }
            return "\(kind) refusé dans racine/ : seuls des fichiers et des dossiers sont publiés, mettez-y le fichier lui-même."
        }
    }
}
