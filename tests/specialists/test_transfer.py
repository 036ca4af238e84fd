"""Warm transfer over Twilio REST (Prism serving Twilio's spec) and Twilio's callbacks to the blueprint."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ivr.specialists import handle_transfer, queue, tickets
from tests.specialists.conftest import ACCOUNT, PUBLIC, detroit

MONDAY_10 = detroit(2024, 3, 4, 10, 0)
CALLER = "CA" + "c" * 32
CONFERENCE_SID = "CF" + "f" * 32
RECORD = {"caller": "h:caller-hash", "channel": "voice", "language": "es", "need": "eviction",
          "sub_need": "notice", "slots": {"location": {"type": "zip", "value": "48226"}},
          "summary": "Spanish-speaking caller, eviction notice, family with children, ZIP 48226",
          "transcript": [], "started_at": None, "ended_at": "2024-03-04T15:00:00+00:00", "outcome": "transferred"}
TRANSFER = {"need": "eviction", "language": "es", "population": "families", "record": RECORD}
BASE = f"{PUBLIC}/voice/transfer"


def xml(response) -> ET.Element:
    assert response.status_code == 200, response.data
    return ET.fromstring(response.data)


def rang(prism_requests) -> list[str]:
    """Who was called, in order: people through Calls, lines through conference Participants."""
    return [r.form["To"] for r in prism_requests.all
            if r.method == "POST" and r.path.endswith(("/Calls.json", "/Participants.json"))]


@pytest.fixture
def started(settings, redis_client, prism_requests):
    result = handle_transfer(TRANSFER, "voice", MONDAY_10, settings, redis_client)
    return result, tickets.load(redis_client, result["conference"])


def test_voice_transfer_rings_the_best_specialist_into_a_pii_free_conference(started, prism_requests, redis_client):
    result, ticket = started
    assert result == {"ok": True, "available": True, "next_open": None, "mode": "conference",
                      "conference": ticket.name, "crisis": False}
    assert ticket.name.startswith("tr-") and "313" not in ticket.name and "48226" not in ticket.name
    [call] = prism_requests.all
    assert call.path == f"/2010-04-01/Accounts/{ACCOUNT}/Calls.json" and call.status == 201
    assert call.form["To"] == "+13135550101"  # María: Spanish, eviction, families, room
    assert call.form["From"] == "+13135550100"
    assert call.form["Timeout"] == "20"
    assert call.form["Url"] == f"{BASE}/whisper?conference={ticket.name}"
    assert call.form["StatusCallback"] == f"{BASE}/status?conference={ticket.name}"
    # Redis keys say nothing about the caller or the specialist.
    assert [k for k in redis_client.keys("*") if "+1" in k or "313" in k] == []
    assert [c["id"] for c in ticket.candidates] == ["maria", "rosa", "luis", "housing"]


def test_specialist_hears_the_whisper_presses_1_joins_and_gets_the_record_by_sms(started, twilio, prism_requests,
                                                                                 redis_client):
    _, ticket = started
    twilio.post(f"{BASE}/conference?conference={ticket.name}", StatusCallbackEvent="participant-join",
                CallSid=CALLER, ConferenceSid=CONFERENCE_SID)
    gather = xml(twilio.post(f"{BASE}/whisper?conference={ticket.name}", CallSid=ticket.leg_call_sid)).find("Gather")
    assert "Spanish-speaking caller, eviction notice, family with children, ZIP 48226. Press 1" in \
        gather.find("Say").text

    join = xml(twilio.post(gather.get("action"), CallSid=ticket.leg_call_sid, Digits="1"))
    conference = join.find("Dial/Conference")
    assert (conference.text, conference.get("startConferenceOnEnter")) == (ticket.name, "true")
    [sms] = prism_requests.to("POST", "/Messages.json")
    assert sms.status == 201 and sms.form["To"] == "+13135550101"
    assert sms.form["Body"].startswith("Spanish-speaking caller, eviction notice")

    # The call ending after the conversation rings nobody else.
    twilio.post(f"{BASE}/status?conference={ticket.name}", CallSid=ticket.leg_call_sid, CallStatus="completed")
    assert rang(prism_requests) == ["+13135550101"]
    assert tickets.load(redis_client, ticket.name).state == "done"


def test_no_answer_then_decline_then_busy_then_overflow_silent_then_voicemail(started, twilio, prism_requests,
                                                                              redis_client, clock):
    _, ticket = started
    name = ticket.name
    status = f"{BASE}/status?conference={name}"
    twilio.post(f"{BASE}/conference?conference={name}", StatusCallbackEvent="participant-join",
                CallSid=CALLER, ConferenceSid=CONFERENCE_SID)

    # María does not answer within the ring time: the caller is told, Rosa is rung.
    twilio.post(status, CallSid=ticket.leg_call_sid, CallStatus="no-answer")
    [told] = prism_requests.to("POST", f"/Conferences/{CONFERENCE_SID}/Participants/{CALLER}.json")
    assert told.status == 200
    assert told.form["AnnounceUrl"] == f"{BASE}/announce?conference={name}&prompt=trying_next"
    said = xml(twilio.post(told.form["AnnounceUrl"])).find("Say")
    assert said.text.startswith("El especialista no pudo contestar. Estoy intentando con otra persona.")

    # Rosa answers, hears the whisper and presses 2: declined, the hang-up moves on to Luis.
    leg = tickets.load(redis_client, name).leg_call_sid
    gather = xml(twilio.post(f"{BASE}/whisper?conference={name}", CallSid=leg)).find("Gather")
    assert [v.tag for v in xml(twilio.post(gather.get("action"), CallSid=leg, Digits="2"))] == ["Say", "Hangup"]
    twilio.post(status, CallSid=leg, CallStatus="completed")
    # Luis is busy: the housing overflow line is added to the conference directly (no whisper).
    twilio.post(status, CallSid=tickets.load(redis_client, name).leg_call_sid, CallStatus="busy")
    assert rang(prism_requests) == ["+13135550101", "+13135550103", "+13135550105", "+18663132520"]
    [line] = prism_requests.to("POST", f"/Conferences/{name}/Participants.json")
    assert (line.status, line.form["StartConferenceOnEnter"], line.form["Timeout"]) == (201, "true", "20"), line.problem

    # Nobody on the overflow line either: the caller's call leaves the conference for voicemail.
    twilio.post(status, CallSid=tickets.load(redis_client, name).leg_call_sid, CallStatus="no-answer")
    [moved] = prism_requests.to("POST", f"/Calls/{CALLER}.json")
    assert moved.status == 200 and moved.form["Url"] == f"{BASE}/voicemail?ticket={name}"
    assert len(prism_requests.to("POST", "/Participants.json")) == 1  # nobody else rung

    record = xml(twilio.post(moved.form["Url"], CallSid=CALLER))
    assert record.find("Say").text.startswith("En este momento nadie pudo contestar.")
    assert record.find("Record").get("maxLength") == "90"

    clock.now = detroit(2024, 3, 4, 10, 5)
    saved = xml(twilio.post(record.find("Record").get("action"), CallSid=CALLER,
                            RecordingUrl="https://api.twilio.com/recordings/RE1", RecordingDuration="34"))
    assert [s.text for s in saved.findall("Say")][:2] == [
        "Gracias. Su mensaje ha sido guardado. Un especialista le devolverá la llamada hoy antes de las 11:05.",
        "Si está en crisis o piensa en el suicidio, llame o envíe un mensaje de texto al 988 a cualquier hora. "
        "En caso de emergencia, llame al 911."]
    assert saved[-1].tag == "Hangup"
    twilio.post(record.find("Record").get("transcribeCallback"), TranscriptionText="Necesito ayuda con mi desalojo",
                TranscriptionStatus="completed")
    [entry] = queue.pending(redis_client)
    assert (entry["kind"], entry["recording_url"], entry["recording_seconds"]) == (
        "voicemail", "https://api.twilio.com/recordings/RE1", 34)
    assert entry["transcription"] == "Necesito ayuda con mi desalojo"
    assert entry["record"] == RECORD and entry["expect_by"] == "2024-03-04T11:05:00-05:00"


def test_a_late_callback_for_an_earlier_call_changes_nothing(started, twilio, prism_requests, redis_client):
    _, ticket = started
    twilio.post(f"{BASE}/status?conference={ticket.name}", CallSid="CA" + "1" * 32, CallStatus="no-answer")
    assert rang(prism_requests) == ["+13135550101"]
    assert tickets.load(redis_client, ticket.name).index == 0


def test_a_caller_who_hangs_up_while_waiting_stops_the_ringing(started, twilio, prism_requests, redis_client):
    _, ticket = started
    conference = f"{BASE}/conference?conference={ticket.name}"
    twilio.post(conference, StatusCallbackEvent="participant-join", CallSid=CALLER, ConferenceSid=CONFERENCE_SID)
    twilio.post(conference, StatusCallbackEvent="participant-leave", CallSid=CALLER, ConferenceSid=CONFERENCE_SID)
    [cancel] = prism_requests.to("POST", f"/Calls/{ticket.leg_call_sid}.json")
    assert (cancel.status, cancel.form["Status"]) == (200, "canceled")
    twilio.post(f"{BASE}/status?conference={ticket.name}", CallSid=ticket.leg_call_sid, CallStatus="canceled")
    assert rang(prism_requests) == ["+13135550101"]


def test_callbacks_must_be_signed_by_twilio(started, twilio):
    _, ticket = started
    path = f"/voice/transfer/status?conference={ticket.name}"
    assert twilio.client.post(path, data={"CallStatus": "no-answer"}).status_code == 403
    assert twilio.client.post(path, data={"CallStatus": "no-answer"},
                              headers={"X-Twilio-Signature": "forged"}).status_code == 403


def test_unknown_conference_is_404(twilio):
    assert twilio.post(f"{BASE}/whisper?conference=tr-nope", CallSid=CALLER).status_code == 404


def test_hold_music_with_please_hold_and_the_caller_is_remembered(started, twilio, redis_client):
    _, ticket = started
    say, play = list(xml(twilio.post(f"{BASE}/hold?conference={ticket.name}", CallSid=CALLER)))
    assert say.text == "Por favor, espere en la línea. Un especialista le atenderá en breve."
    assert play.text == "https://com.twilio.music.classical.s3.amazonaws.com/BusyStrings.mp3"
    assert tickets.load(redis_client, ticket.name).caller_call_sid == CALLER
