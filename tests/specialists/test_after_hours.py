"""Nights, holidays and crisis: never left with nothing; SMS text-backs and callbacks say when."""
from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from ivr.specialists import handle_transfer, queue, request_callback, start_voicemail, tickets
from tests.specialists.conftest import PUBLIC, detroit
from tests.specialists.test_transfer import CALLER, CONFERENCE_SID, RECORD

TRIAGE = str(Path(sys.executable).parent / "triage")

CHRISTMAS_3AM = detroit(2024, 12, 25, 3, 0)
BASE = f"{PUBLIC}/voice/transfer"


def test_voice_after_hours_says_when_specialists_are_back_and_names_988(settings, redis_client, prism_requests):
    result = handle_transfer({"need": "eviction", "language": "fr", "population": "families", "record": RECORD},
                             "voice", CHRISTMAS_3AM, settings, redis_client)
    assert result == {
        "ok": True, "available": False, "next_open": "2024-12-26T08:00:00-05:00", "mode": "after_hours",
        "message": "Nos spécialistes ne sont pas disponibles pour le moment. Ils seront de retour demain à 8 h 00. "
                   "Si vous êtes en crise ou pensez au suicide, appelez ou textez le 988 à toute heure. "
                   "En cas d'urgence, composez le 911."}
    assert prism_requests.all == []


def test_crisis_at_3am_on_a_holiday_calls_the_crisis_line_into_the_conference(settings, redis_client, prism_requests,
                                                                               twilio):
    result = handle_transfer({"need": "crisis", "language": "es", "population": None, "record": RECORD},
                             "voice", CHRISTMAS_3AM, settings, redis_client)
    assert (result["ok"], result["mode"], result["crisis"]) == (True, "conference", True)
    name = result["conference"]
    [line] = prism_requests.all
    assert line.path.endswith(f"/Conferences/{name}/Participants.json") and line.status == 201
    assert (line.form["To"], line.form["StartConferenceOnEnter"]) == ("+18002738255", "true")

    # The line answers and joins; when it hangs up after the conversation nothing else happens.
    ticket = tickets.load(redis_client, name)
    conference = f"{BASE}/conference?conference={name}"
    twilio.post(conference, StatusCallbackEvent="participant-join", CallSid=CALLER, ConferenceSid=CONFERENCE_SID)
    twilio.post(conference, StatusCallbackEvent="participant-join", CallSid=ticket.leg_call_sid,
                ConferenceSid=CONFERENCE_SID)
    twilio.post(f"{BASE}/status?conference={name}", CallSid=ticket.leg_call_sid, CallStatus="completed")
    assert len(prism_requests.all) == 1
    assert tickets.load(redis_client, name).state == "done"


def test_sms_agent_at_night_queues_a_textback_for_the_morning(settings, redis_client):
    result = handle_transfer({"need": "agent", "language": "es", "population": None, "record": RECORD},
                             "sms", CHRISTMAS_3AM, settings, redis_client)
    assert result["mode"] == "callback" and result["available"] is False
    assert result["expect_by"] == "2024-12-26T09:00:00-05:00"  # opens 08:00, plus the promised hour
    assert result["message"].startswith("Un especialista le responderá por mensaje de texto mañana antes de las 9:00.")
    assert "988" in result["message"]
    [entry] = queue.pending(redis_client)
    assert (entry["id"], entry["kind"], entry["channel"], entry["record"]) == (
        result["queue_id"], "textback", "sms", RECORD)
    assert entry["caller"] == "h:caller-hash"


def test_sms_agent_during_hours_promises_within_the_hour(settings, redis_client):
    result = handle_transfer({"need": "rent", "language": "en", "population": None, "record": RECORD},
                             "sms", detroit(2024, 3, 4, 10, 15), settings, redis_client)
    assert (result["available"], result["message"]) == (True, "A specialist will text you back by 11:15 AM today.")


def test_sms_crisis_gives_the_crisis_line_instead_of_a_queue(settings, redis_client):
    result = handle_transfer({"need": "crisis", "language": "en", "record": RECORD}, "sms", CHRISTMAS_3AM,
                             settings, redis_client)
    assert result["mode"] == "crisis" and "call or text 988 at any hour" in result["message"]
    assert queue.pending(redis_client) == []


def test_callback_request_after_hours_is_stored_for_the_morning_queue(settings, redis_client):
    saturday_night = detroit(2024, 3, 9, 22, 0)
    result = request_callback({"record": RECORD}, "voice", saturday_night, settings, redis_client)
    assert result["message"].startswith(
        "Hemos guardado su solicitud. Un especialista le devolverá la llamada el lunes antes de las 9:00.")
    [entry] = queue.pending(redis_client, until=detroit(2024, 3, 11, 9, 0))
    assert (entry["kind"], entry["need"], entry["language"]) == ("callback", "eviction", "es")
    assert queue.pending(redis_client, until=detroit(2024, 3, 11, 8, 59)) == []


def test_voicemail_action_records_and_queues_the_message(settings, redis_client, twilio, clock):
    clock.now = CHRISTMAS_3AM
    result = start_voicemail({"record": RECORD}, "voice", CHRISTMAS_3AM, settings, redis_client)
    assert result["mode"] == "voicemail" and result["url"] == f"{BASE}/voicemail?ticket={result['voicemail']}"
    page = ET.fromstring(twilio.post(result["url"], CallSid=CALLER).data)
    record = page.find("Record")
    silent = ET.fromstring(twilio.post(record.get("action"), CallSid=CALLER, RecordingDuration="0").data)
    assert silent.find("Say").text == "No recibimos ningún mensaje."
    assert queue.pending(redis_client) == []
    saved = ET.fromstring(twilio.post(record.get("action"), CallSid=CALLER, RecordingUrl="https://r.example/RE2",
                                      RecordingDuration="12").data)
    assert saved.find("Say").text.endswith("le devolverá la llamada mañana antes de las 9:00.")
    [entry] = queue.pending(redis_client)
    assert entry["expect_by"] == "2024-12-26T09:00:00-05:00"


def test_the_morning_shift_lists_the_queue_and_marks_an_entry_answered(settings, redis_client):
    result = handle_transfer({"need": "agent", "language": "es", "population": None, "record": RECORD},
                             "sms", CHRISTMAS_3AM, settings, redis_client)
    env = {**os.environ, "REDIS_URL": settings.redis_url}
    listing = subprocess.run([TRIAGE, "specialists", "queue"], env=env, capture_output=True, text=True, check=True).stdout
    assert listing.splitlines()[0].startswith(f"{result['queue_id']}  2024-12-26T09:00:00-05:00  textback  es")
    assert listing.splitlines()[-1] == "1 waiting"
    done = subprocess.run([TRIAGE, "specialists", "done", result["queue_id"], "--by", "ana"], env=env,
                          capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (0, f"{result['queue_id']} done\n")
    assert queue.pending(redis_client) == []
    assert queue.get(redis_client, result["queue_id"])["done_by"] == "ana"
    assert 0 < redis_client.ttl(queue.ENTRY.format(id=result["queue_id"])) <= queue.DONE_KEPT
    again = subprocess.run([TRIAGE, "specialists", "done", "nope"], env=env, capture_output=True, text=True)
    assert again.returncode == 1 and "no queue entry nope" in again.stderr
