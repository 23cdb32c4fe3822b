#!/usr/bin/python3
"""Writes the audio module's test fixtures (bundles/audio/src/test/resources/fixtures) with their expected labels.

Run with Debian's python3 (python3-numpy, python3-scipy) and Debian's espeak-ng and pocketsphinx-testdata installed:
    /usr/bin/python3 scripts/make-audio-fixtures.py

All output is 16 kHz, mono, 16-bit PCM WAV and byte-for-byte reproducible with the same espeak-ng (1.51 on Debian
12): espeak-ng is deterministic, the noise comes from fixed seeds, and nothing records a date.

- commands/*.wav + commands.tsv: every command of COMMANDS spoken by every voice of VOICES at every speed of SPEEDS
  (espeak-ng writes 22050 Hz; resampled with scipy.signal.resample_poly 320/441), trimmed to the speech, with
  PAD_MS of noise either side and under it: pink noise at -50 dBFS RMS, a quiet room with a robot's fans (synthetic
  speech has exact digital silence in its pauses, which no microphone records; docs/audio.md has the accuracy at
  other noise floors).
  commands.tsv: file, voice, speed, transcript.
- vad-synthetic.wav: quiet / "move forward two meters" / quiet / "help me" / quiet, with the exact sample spans of
  the speech in segments.tsv.
- vad-human.wav: quiet / goforward.raw / quiet / librivox 0880 / quiet from pocketsphinx-testdata (real people
  recorded at 16 kHz); segments.tsv gives the span of speech in each inserted recording by an energy rule (from the
  first to the last run of three 20 ms frames within 20 dB of the loudest frame), an approximation that tests
  compare with a tolerance.
- human/*.wav: the two recordings as they are in pocketsphinx-testdata (goforward.raw given a WAV header), with
  their transcripts in human.tsv.
- noncommands/*.wav + noncommands.tsv: real people saying things that are no robot command (NONCOMMANDS: digits,
  playing cards, LibriVox sentences), as they are in pocketsphinx-testdata; with human/librivox-0880.wav they are
  the speech the audio module must not turn into commands.
  noncommands.tsv: file, source, what is said.
"""
import csv
import io
import os
import subprocess
import sys
import wave

import numpy as np
from scipy.signal import resample_poly

RATE = 16000
PAD_MS = 100
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
OUT = os.path.join(ROOT, "bundles/audio/src/test/resources/fixtures")
TESTDATA = "/usr/share/pocketsphinx/test/data"

# Robot commands whose words are all in the audio module's grammar (commands.gram) and which the language module
# parses into an intent (bundles/language/.../commands.tsv has most of them).
COMMANDS = [
    "stop",
    "help me",
    "follow me",
    "come here",
    "turn left",
    "turn around",
    "move forward two meters",
    "move backward one meter",
    "turn left ninety degrees",
    "rotate right forty five degrees",
    "pick up the red cup",
    "grab the green ball",
    "put the cup on the table",
    "bring me the blue bottle",
    "find the red ball",
    "go to the kitchen",
    "navigate to the charging station",
    "wait five seconds",
    "what do you see",
    "hello robot",
]
# Real speech that is no robot command, from pocketsphinx-testdata (all 16 kHz mono 16-bit): file written, source,
# what is said (Debian's transcriptions; numbers.raw and something.raw come without one, so the words are those a
# listener hears). tidigits/*.raw is left out: it is 8 kHz audio without a header.
NONCOMMANDS = [
    ("numbers.wav", "numbers.raw", "(a string of spoken numbers)"),
    ("something.wav", "something.raw", "go somewhere and do something"),
    ("librivox-0870.wav", "librivox/sense_and_sensibility_01_austen_64kb-0870.wav",
     "and mister john dashwood had then leisure to consider how much there might be prudently in his power to do "
     "for them"),
    ("librivox-0890.wav", "librivox/sense_and_sensibility_01_austen_64kb-0890.wav",
     "unless to be rather cold hearted and rather selfish is to be ill disposed"),
    ("librivox-0920.wav", "librivox/sense_and_sensibility_01_austen_64kb-0920.wav",
     "had he married a more amiable woman he might have been made still more respectable than he was"),
    ("librivox-0930.wav", "librivox/sense_and_sensibility_01_austen_64kb-0930.wav",
     "he might even have been made amiable himself"),
    ("cards-001.wav", "cards/001.wav", "ten of clubs"),
    ("cards-002.wav", "cards/002.wav", "four queen of clubs"),
    ("cards-003.wav", "cards/003.wav", "seven of clubs"),
    ("cards-004.wav", "cards/004.wav", "five five"),
    ("cards-005.wav", "cards/005.wav", "eight of spades four of clubs seven of hearts"),
]
# espeak-ng voices: American male, British male, American female variant.
VOICES = ["en-us", "en-gb", "en-us+f3"]
SPEEDS = [150, 200]  # words per minute; espeak-ng's default is 175


def synthesise(text, voice, speed):
    wav = subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "--stdout", text],
                         check=True, capture_output=True).stdout
    with wave.open(io.BytesIO(wav)) as w:
        if w.getnchannels() != 1 or w.getsampwidth() != 2 or w.getframerate() != 22050:
            sys.exit(f"espeak-ng wrote {w.getnchannels()} ch, {8 * w.getsampwidth()} bit, {w.getframerate()} Hz")
        # espeak-ng --stdout leaves the frame count of the header unset; read what is there.
        x = np.frombuffer(wav[44:], dtype="<i2").astype(np.float64)
    y = resample_poly(x, 320, 441)
    return trim(y)


def trim(x, threshold=100.0):
    """The span from the first to the last sample louder than threshold (espeak-ng pads with silence)."""
    loud = np.flatnonzero(np.abs(x) > threshold)
    return x[loud[0]:loud[-1] + 1]


def noise(n, rms, seed):
    """Pink (1/f) noise of the given RMS: the spectrum of room and fan noise, unlike white noise."""
    white = np.random.RandomState(seed).normal(0.0, 1.0, n)
    f = np.fft.rfftfreq(n, 1.0 / RATE)
    f[0] = f[1]
    pink = np.fft.irfft(np.fft.rfft(white) / np.sqrt(f), n)
    return pink * (rms / np.sqrt(np.mean(pink ** 2)))


def pcm16(x):
    return np.clip(np.round(x), -32768, 32767).astype("<i2")


def write_wav(path, x):
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm16(x).tobytes())


def ms(samples):
    return int(round(samples * 1000 / RATE))


def padded(speech, seed, rms=100.0):
    pad = RATE * PAD_MS // 1000
    return np.concatenate([noise(pad, rms, seed), speech + noise(len(speech), rms, seed + 1),
                           noise(pad, rms, seed + 2)])


def read_testdata(name):
    path = os.path.join(TESTDATA, name)
    if name.endswith(".raw"):
        return np.fromfile(path, dtype="<i2").astype(np.float64)
    with wave.open(path) as w:
        if (w.getnchannels(), w.getsampwidth(), w.getframerate()) != (1, 2, RATE):
            sys.exit(f"{path}: not 16 kHz mono 16-bit")
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64)


def energy_span(x):
    """Start of the first and end of the last run of three 20 ms frames within 20 dB of the loudest frame."""
    frame = RATE // 50
    frames = x[:len(x) // frame * frame].reshape(-1, frame)
    db = 10 * np.log10((frames ** 2).mean(axis=1) + 1)
    loud = db > db.max() - 20
    runs = np.flatnonzero(loud[:-2] & loud[1:-1] & loud[2:])
    return runs[0] * frame, (runs[-1] + 3) * frame


def sequence(parts, seed, rms):
    """Concatenates quiet gaps (given in ms) and clips (arrays); returns the signal and the spans of the clips."""
    out, spans, at = [], [], 0
    for i, part in enumerate(parts):
        if isinstance(part, int):
            part = noise(RATE * part // 1000, rms, seed + i)
        else:
            spans.append((at, at + len(part)))
        out.append(part)
        at += len(part)
    return np.concatenate(out), spans


def main():
    os.makedirs(os.path.join(OUT, "commands"), exist_ok=True)
    os.makedirs(os.path.join(OUT, "human"), exist_ok=True)
    os.makedirs(os.path.join(OUT, "noncommands"), exist_ok=True)
    rows = []
    total = 0
    for c, text in enumerate(COMMANDS):
        for v, voice in enumerate(VOICES):
            for s, speed in enumerate(SPEEDS):
                name = f"c{c:02d}-{voice.replace('+', '-')}-{speed}.wav"
                x = padded(synthesise(text, voice, speed), seed=1000 * c + 10 * v + s)
                write_wav(os.path.join(OUT, "commands", name), x)
                total += len(x)
                rows.append((name, voice, speed, text))
    with open(os.path.join(OUT, "commands.tsv"), "w", newline="") as f:
        f.write("# file\tvoice\tspeed_wpm\ttranscript — espeak-ng 1.51, written by scripts/make-audio-fixtures.py\n")
        csv.writer(f, delimiter="\t", lineterminator="\n").writerows(rows)

    segments = []
    first = synthesise("move forward two meters", "en-us", 175)
    second = synthesise("help me", "en-us+f3", 175)
    x, spans = sequence([800, first, 1000, second, 700], seed=7, rms=100.0)
    x[spans[0][0]:spans[0][1]] += noise(len(first), 100.0, 70)
    x[spans[1][0]:spans[1][1]] += noise(len(second), 100.0, 71)
    write_wav(os.path.join(OUT, "vad-synthetic.wav"), x)
    segments += [("vad-synthetic.wav", i, ms(a), ms(b), t)
                 for i, ((a, b), t) in enumerate(zip(spans, ["move forward two meters", "help me"]))]

    go = read_testdata("goforward.raw")
    he = read_testdata("librivox/sense_and_sensibility_01_austen_64kb-0880.wav")
    x, spans = sequence([1000, go, 1200, he, 1000], seed=11, rms=60.0)
    write_wav(os.path.join(OUT, "vad-human.wav"), x)
    for i, ((a, _), clip, t) in enumerate(zip(spans, [go, he], ["go forward ten meters",
                                                                 "he was not an ill disposed young man"])):
        start, end = energy_span(clip)
        segments.append(("vad-human.wav", i, ms(a + start), ms(a + end), t))
    with open(os.path.join(OUT, "segments.tsv"), "w", newline="") as f:
        f.write("# file\tsegment\tstart_ms\tend_ms\ttranscript — written by scripts/make-audio-fixtures.py\n")
        csv.writer(f, delimiter="\t", lineterminator="\n").writerows(segments)

    write_wav(os.path.join(OUT, "human", "goforward.wav"), go)
    write_wav(os.path.join(OUT, "human", "librivox-0880.wav"), he)
    with open(os.path.join(OUT, "human.tsv"), "w", newline="") as f:
        f.write("# file\tsource in Debian pocketsphinx-testdata (/usr/share/pocketsphinx/test/data)\ttranscript\n")
        f.write("goforward.wav\tgoforward.raw\tgo forward ten meters\n")
        f.write("librivox-0880.wav\tlibrivox/sense_and_sensibility_01_austen_64kb-0880.wav\t"
                "he was not an ill disposed young man\n")
    for name, source, said in NONCOMMANDS:
        write_wav(os.path.join(OUT, "noncommands", name), read_testdata(source))
    with open(os.path.join(OUT, "noncommands.tsv"), "w", newline="") as f:
        f.write("# file\tsource in Debian pocketsphinx-testdata (/usr/share/pocketsphinx/test/data)\twhat is said"
                " — no robot command; written by scripts/make-audio-fixtures.py\n")
        csv.writer(f, delimiter="\t", lineterminator="\n").writerows(NONCOMMANDS)
    print(f"{len(rows)} command files, {total / RATE:.1f} s of commands, fixtures in {OUT}")


if __name__ == "__main__":
    main()
