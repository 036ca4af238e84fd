import json
import shutil
from pathlib import Path

from directory_client import importer
from directory_client.build import SHIPPED_DATA, import_data
from directory_client.store import Store
from directory_client.taxonomy import load_taxonomy

from .hsds_factory import service

FIXTURES = Path(__file__).parent / "fixtures"


def test_shipped_data_imports_whole(tmp_path):
    result = import_data(tmp_path / "d.sqlite3", load_taxonomy())
    assert result.problems == []
    assert result.per_file == {str(SHIPPED_DATA / "helplines.json"): 9, str(SHIPPED_DATA / "ohana_san_mateo.json"): 19}
    store = Store(tmp_path / "d.sqlite3")
    assert store.counts() == {"listings": 28, "services": 28}
    # Every record says where it came from and under which licence.
    assert all(row[0] for row in store.db.execute("SELECT source FROM listings"))


def test_import_if_needed_rebuilds_only_on_change(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.json").write_text(json.dumps([service("Pantry A", lat=42.33, lon=-83.05)]))
    db = tmp_path / "d.sqlite3"
    taxonomy = load_taxonomy()
    assert import_data(db, taxonomy, [data], if_needed=True).services == 1
    assert import_data(db, taxonomy, [data], if_needed=True) is None
    (data / "b.json").write_text(json.dumps([service("Pantry B", lat=42.34, lon=-83.05)]))
    assert import_data(db, taxonomy, [data], if_needed=True).services == 2
    assert Store(db).counts()["services"] == 2


def test_bad_json_records_are_reported_and_good_ones_kept(tmp_path):
    good = service("Good Pantry", lat=42.33, lon=-83.05)
    no_name = service("x")
    del no_name["name"]
    bad_id = {**service("Bad id"), "id": "not-a-uuid"}
    phone_without_number = service("No number")
    del phone_without_number["phones"][0]["number"]
    path = tmp_path / "services.json"
    path.write_text(json.dumps({"contents": [good, no_name, bad_id, phone_without_number, "junk"]}))
    result = importer.read([path])
    assert result.services == 1 and [x.name for x in result.listings] == ["Good Pantry"]
    text = "\n".join(result.problems)
    assert f"{path}[1]" in text and "'name' is a required property" in text
    assert f"{path}[2]" in text and "'not-a-uuid' is not a 'uuid'" in text
    assert f"{path}[3]" in text and "phones/0: 'number' is a required property" in text
    assert f"{path}[4]: not an object" in text


def test_csv_datapackage_with_bad_rows(tmp_path):
    package = tmp_path / "package"
    shutil.copytree(FIXTURES / "spec_example_csv", package)
    with (package / "phones.csv").open("a") as f:  # a phone row with no number: rejected, service kept
        f.write("6a1cf5a8-4bd7-4b8b-a3c5-8a1f0d3b0e01,,ac148810-d857-441c-9679-408f346de14b,,,,,,voice,\n")
    with (package / "services.csv").open("a") as f:  # a service row without its required status
        f.write("5bd4d7a7-0d8e-4c5b-9e77-3a1b3e1b2c11,,,Broken service,,,,,,,,,,,,,,,,,,,\n")
    result = importer.read([package])
    assert result.services == 1
    [listing] = result.listings
    assert listing.name == "Community Counselling"
    assert listing.rules and listing.languages == ("ur",)
    assert listing.lat is None  # the example's latitude 100 is impossible
    text = "\n".join(result.problems)
    assert f"{package / 'phones.csv'}:3: phone 6a1cf5a8-4bd7-4b8b-a3c5-8a1f0d3b0e01: (record): 'number' is a required property" in text
    assert f"{package / 'services.csv'}:3: service 5bd4d7a7-0d8e-4c5b-9e77-3a1b3e1b2c11" in text and "'status'" in text
    assert "latitude/longitude 100,101 out of range" in text


def test_spec_json_example_imports():
    result = importer.read([FIXTURES / "service_full.json"])
    assert result.services == 1
    assert result.listings[0].phone == "+441234234567" and result.listings[0].timezone == "Etc/GMT-3"
