import json
from datetime import datetime, timezone

import pytest

from directory_client import get_directory
from directory_client.build import import_data
from directory_client.embedded import EmbeddedDirectory
from directory_client.taxonomy import load_taxonomy

from .hsds_factory import ALWAYS, service

DETROIT = {"type": "zip", "value": "48226"}  # centroid 42.3333, -83.0484
TUESDAY_10AM_DETROIT = datetime(2025, 3, 4, 15, 0, tzinfo=timezone.utc)


def directory(tmp_path, services) -> EmbeddedDirectory:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "s.json").write_text(json.dumps(services))
    import_data(tmp_path / "d.sqlite3", load_taxonomy(), [tmp_path / "data"])
    return EmbeddedDirectory(tmp_path / "d.sqlite3", load_taxonomy())


def test_need_and_zip_give_nearest_first(tmp_path):
    d = directory(tmp_path, [
        service("Far pantry", lat=42.45, lon=-83.20),
        service("Near pantry", lat=42.335, lon=-83.05),
        service("Middle pantry", lat=42.38, lon=-83.10),
        service("Near shelter", terms=("101-04",), lat=42.334, lon=-83.049),
        service("Ann Arbor pantry", lat=42.28, lon=-83.74),  # ~57 km: beyond reach
        service("Chicago pantry", postal_code="60601", state="IL", lat=41.88, lon=-87.62),  # too far to offer
    ])
    results = d.search("food", DETROIT, "en", TUESDAY_10AM_DETROIT)
    assert [r.name for r in results] == ["Near pantry", "Middle pantry", "Far pantry"]
    assert results[0].distance_km < results[1].distance_km < results[2].distance_km
    assert "0.2 km from Detroit, MI 48226" in results[0].why
    five = d.search("food", DETROIT, "en", TUESDAY_10AM_DETROIT, limit=5)
    assert [r.name for r in five][3] == "Ann Arbor pantry"
    assert all(r.name != "Chicago pantry" for r in five)


def test_open_now_beats_closer_but_closed(tmp_path):
    evenings = {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "18:00", "closes_at": "21:00"}
    d = directory(tmp_path, [
        service("Closer, opens tonight", lat=42.334, lon=-83.049, schedule=evenings),
        service("Open now", lat=42.36, lon=-83.07),
        service("No hours", lat=42.335, lon=-83.05, schedule=None),
    ])
    results = d.search("food", DETROIT, "en", TUESDAY_10AM_DETROIT)
    assert [r.name for r in results] == ["Open now", "Closer, opens tonight", "No hours"]
    assert results[0].open_now and results[0].closes_at == "17:00" and results[0].hours_today == "09:00-17:00"
    assert results[1].opens_next == "2025-03-04T18:00-05:00"
    assert results[2].open_now is None and "hours unknown" in results[2].why


def test_language_then_barriers(tmp_path):
    d = directory(tmp_path, [
        service("English only", lat=42.334, lon=-83.049),
        service("Habla español, with conditions", lat=42.34, lon=-83.05, languages=("en", "es"),
                eligibility_description="Wayne County residents", minimum_age=18),
        service("Habla español", lat=42.36, lon=-83.06, languages=("es",)),
    ])
    results = d.search("food", DETROIT, "es", TUESDAY_10AM_DETROIT)
    assert [r.name for r in results] == ["Habla español", "Habla español, with conditions", "English only"]
    assert "2 eligibility condition(s)" in results[1].why


def test_nothing_nearby_offers_general_helpline_and_says_why(tmp_path):
    d = directory(tmp_path, [
        service("Ottawa pantry", postal_code="K1N 7G4", country="CA", state="ON", lat=45.43, lon=-75.69),
        service("US 211", terms=("108-05",), areas="US", schedule=ALWAYS),
        service("Ontario 211", terms=("108-05",), areas="CA-ON", schedule=ALWAYS),
    ])
    results = d.search("food", DETROIT, "en", TUESDAY_10AM_DETROIT)
    assert [r.name for r in results] == ["US 211"]
    assert "general helpline: no food service(s) found within reach" in results[0].why
    assert results[0].open_now is True and results[0].closes_at is None


def test_service_area_excludes_callers_outside_it(tmp_path):
    d = directory(tmp_path, [
        service("Detroit residents only", lat=42.334, lon=-83.049, areas="US-MI/Wayne County"),
        service("Anyone", lat=42.30, lon=-83.10),
    ])
    windsor_side = {"type": "zip", "value": "48104"}  # Ann Arbor, Washtenaw County
    assert [r.name for r in d.search("food", windsor_side, "en", TUESDAY_10AM_DETROIT)] == ["Anyone"]
    assert [r.name for r in d.search("food", DETROIT, "en", TUESDAY_10AM_DETROIT)][0] == "Detroit residents only"


def test_unknown_need_is_refused(tmp_path):
    with pytest.raises(ValueError):
        directory(tmp_path, []).search("unicorns")


@pytest.fixture
def shipped(tmp_path, monkeypatch):
    monkeypatch.delenv("DIRECTORY_URL", raising=False)
    monkeypatch.setenv("DIRECTORY_DB", str(tmp_path / "shipped.sqlite3"))
    return get_directory()  # builds the database from the shipped data on first use


def test_shipped_directory_answers_the_named_helplines(shipped):
    rent = shipped.search("rent", {"type": "zip", "value": "48226"}, "es", TUESDAY_10AM_DETROIT)
    assert rent[0].name == "Housing Services Helpline" and rent[0].phone == "+18663132520"
    assert rent[0].address == "2 Woodward Ave, Detroit, MI 48226" and rent[0].open_now
    shelter = shipped.search("shelter", {"type": "postal_code", "value": "K1N 5L2"}, "fr", TUESDAY_10AM_DETROIT)
    assert shelter[0].name == "The Ottawa Mission: client services" and shelter[0].phone == "+16132341144"
    assert "fr" in shelter[0].languages and shelter[0].distance_km < 1
    eviction = shipped.search("eviction", {"type": "postal_code", "value": "28012"}, "es", TUESDAY_10AM_DETROIT)
    assert eviction[0].name == "Oficina de Intermediación Hipotecaria" and eviction[0].extra["unverified"]
    childcare = shipped.search("childcare", {"type": "zip", "value": "60187"}, "es", TUESDAY_10AM_DETROIT)
    assert childcare[0].name == "DuPage County 211" and childcare[0].phone == "211"
    crisis = shipped.search("crisis", DETROIT, "en", TUESDAY_10AM_DETROIT)
    assert crisis[0].name == "988 Suicide & Crisis Lifeline"


def test_unrecognised_location_is_said(shipped):
    results = shipped.search("crisis", {"type": "city", "value": "Atlantis"}, "en", TUESDAY_10AM_DETROIT)
    assert results and all("location 'Atlantis' not recognised" in r.why for r in results)


def test_city_names_resolve_with_their_county(shipped):
    results = shipped.search("food", {"type": "city", "value": "Redwood City"}, "en", TUESDAY_10AM_DETROIT)
    # Redwood City Corps serves San Mateo County only: a city look-up must know the county too.
    assert results[0].name == "Redwood City Corps" and results[0].distance_km < 5


def test_damaged_database_is_unavailable_not_a_crash(tmp_path):
    from directory_client.types import DirectoryUnavailable

    (tmp_path / "d.sqlite3").write_bytes(b"not a database at all" * 100)
    with pytest.raises(DirectoryUnavailable, match="d.sqlite3"):
        EmbeddedDirectory(tmp_path / "d.sqlite3", load_taxonomy()).search("food", DETROIT)
