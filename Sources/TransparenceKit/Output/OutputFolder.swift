import Foundation

/// What is already at the output path, judged before a build touches anything.
///
/// A build replaces the whole output folder, so it may only write into a folder that is new,
/// empty, or a previous output of Transparence: one whose manifest (`.<name>.manifest` beside it)
/// lists every file it holds. Anything else (a user's folder, a file added by hand to `public/`)
/// would be deleted or hidden in the spare tree by the swap: the build is refused instead, with
/// the files named. `--force` does not lift this.
enum OutputFolder {
    /// The output as a build must use it. A symbolic link (`public -> /srv/www/site`) is followed:
    /// the tree is built and swapped beside its target, and the link stays as it is.
    static func resolve(_ output: URL) -> Result<URL, AtomicWriter.Failure> {
        var info = stat()
        guard lstat(output.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return .success(output) }
        if let resolved = realPath(output.path) { return .success(URL(fileURLWithPath: resolved)) }
        // A link to a folder not made yet: the build makes it, when the folder that will hold it exists.
        let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: output.path)) ?? ""
        let destination = URL(fileURLWithPath: target, relativeTo: output.deletingLastPathComponent()).standardizedFileURL
        if !target.isEmpty, lstat(destination.path, &info) != 0, let parent = realPath(destination.deletingLastPathComponent().path) {
            return .success(URL(fileURLWithPath: parent).appendingPathComponent(destination.lastPathComponent))
        }
        return .failure(.io(Message.linkTargetMissing(target)))
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// French messages saying why `output` must not be written (empty when it may): foreign
    /// files or folders in it, folders the build could not change, a parent it cannot write in.
    /// `recorded` is the output's manifest (nil when there is none or it is unreadable).
    static func problems(_ output: URL, recorded: BuildManifest?) -> [String] {
        check(output, recorded: recorded).problems
    }

    /// `problems`, and the stamp of each folder below the output as seen before its entries were
    /// checked (`stamp`), for the manifest of a build that leaves the output as it is.
    ///
    /// A folder whose stamp is the manifest's (`BuildManifest.folders`) is not read: its entries
    /// are those it had when stamped, all ours. The stamp holds the folder's inode and ctime, which
    /// the kernel changes whenever an entry is added, removed or renamed in it, and on chmod or
    /// chown; since Linux 6.13 (multigrain timestamps) even within one clock tick of the stamp,
    /// before that a change in that same tick (a few milliseconds) could go unseen. Its owned
    /// folders are still visited (an entry added to `a/b/` changes `b`'s ctime, not `a`'s). The
    /// output folder itself is always read: it is renamed at each swap, after its stamp could be taken.
    static func check(_ output: URL, recorded: BuildManifest?) -> (problems: [String], stamps: [String: String]) {
        let path = output.path
        var info = stat()
        guard lstat(path, &info) == 0 else {
            // A new folder: its nearest existing parent must let the build create it.
            var parent = output.deletingLastPathComponent()
            while parent.path != "/", access(parent.path, F_OK) != 0 { parent = parent.deletingLastPathComponent() }
            return (access(parent.path, W_OK) == 0 ? [] : [Message.readOnlyCreationParent(parent.path, mode: modeText(of: parent.path))], [:])
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            return ([Message.notAFolder(path)], [:])
        }
        var problems: [String] = []
        let parent = output.deletingLastPathComponent().path
        if access(parent, W_OK) != 0 { problems.append(Message.readOnlyParent(parent, mode: modeText(of: parent))) }

        let owned = recorded?.files ?? [:]
        var ownedFolders = folders(holding: owned.keys)
        ownedFolders.insert("")
        var subfolders: [String: [String]] = [:]
        for folder in ownedFolders where !folder.isEmpty {
            let slash = folder.lastIndex(of: "/")
            subfolders[slash.map { String(folder[..<$0]) } ?? "", default: []].append(String(folder[(slash.map { folder.index(after: $0) } ?? folder.startIndex)...]))
        }
        let known = recorded?.folders ?? [:]
        var stamps: [String: String] = [:]
        var foreign: [String] = []
        var foreignFiles = 0, emptyFolders = 0
        var readOnlyFolders: [String] = []
        /// Walks an owned folder, open as `descriptor` (closed here): what it holds must be ours, and
        /// its folders writable. Names are resolved from the open folder, not from the root, which
        /// keeps the walk of a large site cheap.
        func walk(_ descriptor: Int32, _ relative: String) {
            withFolder(descriptor) { stream, folder in
                var info = stat()
                if !relative.isEmpty, fstat(folder, &info) == 0 {
                    let current = stamp(info)
                    stamps[relative] = current
                    if known[relative] == current, isWritable(info) {
                        // Unchanged since it held only our files: only its own folders are visited.
                        for name in subfolders[relative] ?? [] {
                            let child = relative + "/" + name
                            // A leaf folder (a page's) needs only its stamp: no open, no listing.
                            var leaf = stat()
                            if subfolders[child] == nil, let recorded = known[child],
                               fstatat(folder, name, &leaf, AT_SYMLINK_NOFOLLOW) == 0, (leaf.st_mode & S_IFMT) == S_IFDIR,
                               stamp(leaf) == recorded, isWritable(leaf) {
                                stamps[child] = recorded
                                continue
                            }
                            let inner = openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                            if inner >= 0 { walk(inner, child) } else if faccessat(folder, name, W_OK, 0) != 0 { readOnlyFolders.append(path + "/" + child) }
                        }
                        return
                    }
                }
                forEachEntry(stream) { name, isFolder in
                    let child = relative.isEmpty ? name : relative + "/" + name
                    if isFolder {
                        if ownedFolders.contains(child) {
                            if faccessat(folder, name, W_OK, 0) != 0 { readOnlyFolders.append(path + "/" + child) }
                            let inner = openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                            if inner >= 0 { walk(inner, child) }
                        } else {
                            foreign.append(child + "/")
                            let files = count(path + "/" + child)
                            foreignFiles += files
                            if files == 0 { emptyFolders += 1 }
                        }
                    } else if owned[child] == nil {
                        foreign.append(child)
                        foreignFiles += 1
                    }
                }
            }
        }
        if access(path, W_OK) != 0 { readOnlyFolders.append(path) }
        let root = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if root >= 0 { walk(root, "") }
        readOnlyFolders.sort()
        if !foreign.isEmpty {
            let found = Message.Foreign(names: foreign.sorted(), files: foreignFiles, emptyFolders: emptyFolders)
            problems.append(recorded == nil ? Message.notAnOutput(path, found) : Message.addedByHand(path, found))
        }
        for folder in readOnlyFolders.prefix(5) {
            problems.append(Message.readOnlyFolder(folder, mode: modeText(of: folder)))
        }
        if readOnlyFolders.count > 5 { problems.append(Message.moreReadOnlyFolders(readOnlyFolders.count - 5, in: path)) }
        return (problems, stamps)
    }

    /// This process's user, asked once (a process's real uid does not change here; two calls per
    /// folder of a large site were thousands of system calls).
    private static let uid = getuid()

    /// A folder's identity and last change, for this user: `u<uid>i<inode>c<ctime s>.<ns>`.
    static func stamp(_ info: stat) -> String {
        "u\(uid)i\(info.st_ino)c\(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)"
    }

    /// Writable by this user as its mode says (what `faccessat(W_OK)` decides for a folder of ours).
    private static func isWritable(_ info: stat) -> Bool {
        return uid == 0 || (info.st_uid == uid && info.st_mode & S_IWUSR != 0)
    }

    /// The stamps of the folders holding `files` in the tree at `root` (the staging tree, before it
    /// becomes the output), those this user may write only; the others are always read.
    static func stamps(under root: String, files: some Sequence<String>) -> [String: String] {
        let folders = folders(holding: files)
        let descriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return [:] }
        defer { close(descriptor) }
        var stamps: [String: String] = [:]
        for folder in folders {
            var info = stat()
            if fstatat(descriptor, folder, &info, AT_SYMLINK_NOFOLLOW) == 0, (info.st_mode & S_IFMT) == S_IFDIR, isWritable(info) {
                stamps[folder] = stamp(info)
            }
        }
        return stamps
    }

    /// The folders holding `files` (paths below the output), each once, the output itself left out.
    /// Sliced at the bytes of `/`: this runs over every file of the site twice a build.
    static func folders(holding files: some Sequence<String>) -> Set<String> {
        var folders: Set<String> = []
        for file in files {
            var end = file.utf8.endIndex
            while let slash = file.utf8[..<end].lastIndex(of: UInt8(ascii: "/")) {
                guard folders.insert(String(file[..<slash])).inserted else { break }
                end = slash
            }
        }
        return folders
    }

    /// The mode of `folder` for the message of a folder the build cannot change; nil when it
    /// cannot be read.
    private static func modeText(of folder: String) -> String? {
        var info = stat()
        return stat(folder, &info) == 0 ? modeText(info.st_mode) : nil
    }

    /// "rwxr-xr-x".
    static func modeText(_ mode: mode_t) -> String {
        let letters: [Character] = ["r", "w", "x"]
        return String((0..<9).map { bit in mode & (0o400 >> mode_t(bit)) != 0 ? letters[bit % 3] : "-" })
    }

    /// Names in a folder with whether each is a folder (not following links), sorted.
    static func entries(of folder: String) -> [(name: String, isFolder: Bool)] {
        guard let stream = opendir(folder) else { return [] }
        defer { closedir(stream) }
        var result: [(String, Bool)] = []
        forEachEntry(stream) { result.append(($0, $1)) }
        return result.sorted { $0.0 < $1.0 }
    }

    /// Each entry of an open folder but `.` and `..`, with whether it is a folder, links not
    /// followed: the kind the listing gives, asked of the file system only where it gives none.
    /// Runs `body` with the open folder `descriptor` as a listing and its descriptor; closes it.
    static func withFolder(_ descriptor: Int32, _ body: (OpaquePointer, Int32) -> Void) {
        guard let stream = fdopendir(descriptor) else {
            close(descriptor)
            return
        }
        defer { closedir(stream) }
        body(stream, dirfd(stream))
    }

    /// `forEachEntry` of the open folder `descriptor` (closed here), with its descriptor.
    static func forEachEntry(of descriptor: Int32, _ body: (Int32, String, Bool) -> Void) {
        withFolder(descriptor) { stream, folder in forEachEntry(stream) { body(folder, $0, $1) } }
    }

    static func forEachEntry(_ stream: OpaquePointer, _ body: (String, Bool) -> Void) {
        let folder = dirfd(stream)
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != ".", name != ".." else { continue }
            var isFolder = Int32(entry.pointee.d_type) == DT_DIR
            if Int32(entry.pointee.d_type) == DT_UNKNOWN {
                var info = stat()
                isFolder = fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            }
            body(name, isFolder)
        }
    }

    /// Files (not folders) under `folder`.
    private static func count(_ folder: String) -> Int {
        entries(of: folder).reduce(0) { $0 + ($1.isFolder ? count(folder + "/" + $1.name) : 1) }
    }

    /// Removes a tree the build made (staging or spare), even one whose folders lost their write
    /// permission: they are made writable first. Never called on a folder the build did not make.
    static func removeTree(_ path: String) {
        if (try? FileManager.default.removeItem(atPath: path)) != nil { return }
        func unlock(_ folder: String) {
            chmod(folder, 0o700)
            for entry in entries(of: folder) where entry.isFolder { unlock(folder + "/" + entry.name) }
        }
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return }
        unlock(path)
        try? FileManager.default.removeItem(atPath: path)
    }
}

extension OutputFolder {
    /// The French texts of the output folder's rules, beside them.
    enum Message {
        static func linkTargetMissing(_ target: String) -> String {
            "le dossier de sortie est un lien vers « \(target) », qui est introuvable : créez le dossier qui doit le contenir ou choisissez un autre dossier de sortie."
        }
        static func notAFolder(_ path: String) -> String {
            "« \(path) » existe et n'est pas un dossier : choisissez un autre dossier de sortie."
        }

        /// What the output holds that is not Transparence's: the names (sorted; ten are shown), and
        /// how many files and empty folders they make.
        struct Foreign {
            var names: [String]
            var files: Int
            var emptyFolders: Int

            var shown: String {
                names.prefix(10).map { "« \($0) »" }.joined(separator: ", ") + (names.count > 10 ? " et \(names.count - 10) autres" : "")
            }
            var what: String {
                var parts: [String] = []
                if files > 0 { parts.append(files == 1 ? "1 fichier" : "\(files) fichiers") }
                if emptyFolders > 0 { parts.append(emptyFolders == 1 ? "1 dossier vide" : "\(emptyFolders) dossiers vides") }
                return parts.joined(separator: " et ")
            }
            var single: Bool { files + emptyFolders == 1 }
        }
        /// A folder without a manifest: not a previous output.
        static func notAnOutput(_ path: String, _ found: Foreign) -> String {
            "le dossier « \(path) » existe et contient \(found.what) qui ne \(found.single ? "vient" : "viennent") pas de Transparence : \(found.shown). "
                + "La génération remplace tout le dossier de sortie : elle n'écrit que dans un dossier nouveau, vide ou déjà produit par Transparence. "
                + "Choisissez un autre dossier de sortie (--output) ; --force ne lève pas ce refus."
        }
        /// A previous output with entries its manifest does not list.
        static func addedByHand(_ path: String, _ found: Foreign) -> String {
            let single = found.single
            return "le dossier de sortie « \(path) » contient \(found.what) que Transparence n'a pas \(single ? "écrit" : "écrits") : \(found.shown). "
                + "Pour ne rien effacer, la génération s'arrête : déplacez \(single ? "ce fichier" : "ces fichiers") dans content/racine/ "
                + "(racine du site d'index) ou content/entities/<entité>/racine/ (racine du site de l'entité), d'où \(single ? "il est publié" : "ils sont publiés") "
                + "tel\(single ? "" : "s") quel\(single ? "" : "s") à chaque génération, puis retirez-\(single ? "le" : "les") du dossier de sortie."
        }

        /// A folder the build cannot change; `mode` is its mode (`rwxr-xr-x`), nil when unknown
        /// (modes are ignored for root).
        static func readOnlyCreationParent(_ path: String, mode: String?) -> String {
            readOnly("le dossier « \(path) », où le dossier de sortie doit être créé,", mode: mode)
        }
        static func readOnlyParent(_ path: String, mode: String?) -> String {
            readOnly("le dossier « \(path) », qui contient le dossier de sortie,", mode: mode)
        }
        static func readOnlyFolder(_ path: String, mode: String?) -> String {
            readOnly("le dossier « \(path) » du dossier de sortie", mode: mode)
        }
        /// Past the five read-only folders named.
        static func moreReadOnlyFolders(_ count: Int, in path: String) -> String {
            "et \(count) autres dossiers non modifiables dans « \(path) »."
        }
        private static func readOnly(_ what: String, mode: String?) -> String {
            "\(what) n'est pas modifiable par l'utilisateur qui lance la génération\(mode.map { " (droits \($0))" } ?? "") : "
                + "rendez-le modifiable (chmod u+w) ou choisissez un autre dossier de sortie. Rien n'a été écrit."
        }
    }
}
