"""libcoveocds, offline: the OCDS schema files it fetches from standard.open-contracting.org (a record
package refers to the versioned release schema by URL) are read from the standard ZIP given with
--standard-zip instead. Usage: the arguments of libcoveocds."""
import json, sys, zipfile
import requests
zip_path = sys.argv[sys.argv.index("--standard-zip") + 1]
archive = zipfile.ZipFile(zip_path)
names = {n.rsplit("/", 1)[-1]: n for n in archive.namelist() if "/schema/" in n and n.endswith(".json")}
prefix = "https://standard.open-contracting.org/schema/1__1__5/"
real_get = requests.get
class Local:
    status_code = 200
    def __init__(self, text): self.text = text
    def json(self, **kwargs): return json.loads(self.text, **kwargs)
    def raise_for_status(self): pass
def get(url, *args, **kwargs):
    name = url[len(prefix):] if url.startswith(prefix) else None
    if name in names:
        return Local(archive.read(names[name]).decode("utf-8"))
    return real_get(url, *args, **kwargs)
requests.get = get
from libcoveocds.__main__ import main
sys.argv = ["libcoveocds"] + sys.argv[1:]
main()
