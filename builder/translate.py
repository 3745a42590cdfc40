"""Machine translation: engines behind one adapter, and filling a catalog's gaps.

Engines: "libre" (LibreTranslate), "google" and "mymemory" through deep-translator, and
"deepl" through the official `deepl` package. Whatever the engine, every HTTP request

- has a timeout (deep-translator sets none, so its module-level `requests` is replaced by
  a stand-in that sends through our session with our timeout while one of our engines
  calls it; deepl's client is replaced by one that makes a single attempt the same way);
- is retried a bounded number of times on 429, 5xx and timeouts, with exponential
  backoff, honouring a sane Retry-After;
- waits for its slot under a rate limit (requests per second);
- fails with one of our `TranslationError` subclasses, never a library's exception.

`fill_missing` sends a catalog's missing entries, each distinct source text once, and
saves the catalog after every batch, so an interrupted run keeps all finished batches.
"""
from __future__ import annotations

import contextvars
import datetime
import email.utils
import math
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

import deepl
import deepl.http_client
import requests
from deep_translator import GoogleTranslator, LibreTranslator, MyMemoryTranslator
from deep_translator import exceptions as deep_translator_exceptions
from deep_translator import google as _dt_google
from deep_translator import libre as _dt_libre
from deep_translator import mymemory as _dt_mymemory
from deep_translator.constants import MY_MEMORY_LANGUAGES_TO_CODES

from builder.catalog import MEMORY_ENGINE, Catalog

ENGINES = ("libre", "google", "mymemory", "deepl")
DEFAULT_TIMEOUT = 20.0  # seconds, for connecting and for each read
DEFAULT_TIME_LIMIT = 600.0  # seconds for a whole run, retries and waits included
DEFAULT_RATES = {"libre": 10.0, "google": 1.0, "mymemory": 1.0, "deepl": 2.0}  # per second
DEFAULT_LIBRE_URL = "http://localhost:5000/"
DEEPL_TARGETS = {"en": "EN-GB", "pt": "PT-PT"}  # DeepL refuses the bare "EN" and "PT"


class TranslationError(Exception):
    """A failed translation; the message names the segment (label) and what to do."""

    fatal = False  # True: further requests would fail the same way, so a run stops

    def __init__(self, reason: str, *, label: str | None = None, retry: bool = False,
                 retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.label = label
        self.retry = retry  # worth trying the same request again
        self.retry_after = retry_after  # seconds the service asked us to wait

    def __str__(self) -> str:
        return f"segment {self.label}: {self.reason}" if self.label else self.reason

    def for_segment(self, label: str | None) -> TranslationError:
        """The same error, naming segment `label`."""
        error = type(self)(self.reason, retry=self.retry, retry_after=self.retry_after)
        error.label = label
        return error


class EngineConfigError(TranslationError):
    """Unknown engine, missing key, bad URL or unsupported language."""

    fatal = True


class EngineUnreachable(TranslationError):
    """The service cannot be connected to (refused, unknown host)."""

    fatal = True


class EngineAuthError(TranslationError):
    """The service refused the API key."""

    fatal = True


class EngineRateLimited(TranslationError):
    """The service keeps saying "too many requests", or the quota is used up."""

    fatal = True


class EngineGaveUp(TranslationError):
    """Too many requests in a row failed; the service is probably down."""

    fatal = True


class EngineOutOfTime(TranslationError):
    """The run's time limit is used up; the rest stays missing."""

    fatal = True


class EngineTimeout(TranslationError):
    """No answer within the timeout."""


class EngineServerError(TranslationError):
    """The service answered with a 5xx error."""


class EngineRejected(TranslationError):
    """The service refused this text (4xx, too long)."""


class EngineBadResponse(TranslationError):
    """The answer could not be read as a translation."""


# --- HTTP: one session per engine, a timeout on every call, statuses as our errors ---

_BAD_URL = (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
            requests.exceptions.InvalidSchema)


class _Http:
    """Sends an engine's requests with a timeout and turns failures into our errors."""

    def __init__(self, engine: str, timeout: float):
        self.engine = engine
        self.timeout = timeout
        self.remaining = math.inf  # seconds left of the run's time limit; set by the Engine
        self.session = requests.Session()

    def request(self, method: str, url: str, **kwargs) -> requests.Response:
        """Send one request; raise a TranslationError for every kind of failure."""
        timeout = max(min(self.timeout, self.remaining), 0.001)
        kwargs["timeout"] = timeout
        try:
            response = self.session.request(method, url, **kwargs)
        except requests.Timeout as error:
            raise EngineTimeout(f"no answer from {self.engine} at {_site(url)} within "
                                f"{timeout:.3g} s", retry=True) from error
        except requests.ConnectionError as error:
            if _broke_off(error):
                raise EngineServerError(
                    f"{self.engine} at {_site(url)} closed the connection without a complete "
                    "answer (the service runs but broke off)", retry=True) from error
            raise EngineUnreachable(
                f"cannot connect to {self.engine} at {_site(url)} ({_cause(error)}); check "
                "that the service runs and that the URL (--url) is right") from error
        except _BAD_URL as error:
            raise EngineConfigError(f"cannot send a request to {url}: {error}") from error
        except requests.exceptions.ChunkedEncodingError as error:
            raise EngineServerError(
                f"{self.engine} at {_site(url)} broke off in the middle of its answer "
                f"({_cause(error, 'the answer was incomplete')})", retry=True) from error
        except requests.RequestException as error:  # broken answers, redirect loops
            raise EngineServerError(f"the request to {self.engine} at {_site(url)} "
                                    f"failed: {error}", retry=True) from error
        _raise_for_status(self.engine, response)
        return response

    def close(self) -> None:
        """Close the session's connections."""
        self.session.close()


def _raise_for_status(engine: str, response: requests.Response) -> None:
    """Raise the TranslationError that an HTTP error status stands for."""
    status = response.status_code
    where = f"{engine} answered HTTP {status}"
    if status < 400:
        return
    if status == 429:
        raise EngineRateLimited(f"{where} (too many requests)", retry=True,
                                retry_after=_retry_after(response))
    if status == 456:
        raise EngineRateLimited(f"{where}: the quota is used up; wait for the next "
                                "billing period or use another engine")
    if status in (401, 403):
        raise EngineAuthError(f"{where}: the API key was refused; check the key "
                              "(--key-env names the variable that holds it)")
    if status >= 500:
        raise EngineServerError(f"{where} (server error){_excerpt(response)}", retry=True)
    raise EngineRejected(f"{where}{_excerpt(response)}")


def _retry_after(response: requests.Response) -> float | None:
    """The Retry-After header in seconds (number or HTTP date), or None."""
    value = response.headers.get("Retry-After", "").strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = (moment - datetime.datetime.now(datetime.timezone.utc)).total_seconds()
    return max(seconds, 0.0) if math.isfinite(seconds) else None


def _excerpt(response: requests.Response) -> str:
    """The start of an error answer's body, for the message."""
    text = " ".join(response.text.split())[:200]
    return f": {text}" if text else ""


def _site(url: str) -> str:
    """Scheme, host and port of a URL, for messages."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def _cause(error: Exception, otherwise: str = "the connection failed") -> str:
    """The readable core of a requests connection error ("Connection refused")."""
    match = re.search(r"\[Errno -?\d+\] ([^'\")]+)", str(error))
    if match:
        return match.group(1).strip()
    match = re.search(r"IncompleteRead\((\d+) bytes read, (\d+) more expected\)", str(error))
    if match:
        got, more = map(int, match.groups())
        return f"{got} of {got + more} bytes arrived"
    return otherwise


def _broke_off(error: requests.ConnectionError) -> bool:
    """Whether the service accepted the connection and then dropped it without a full answer."""
    text = str(error)
    return any(sign in text for sign in ("RemoteDisconnected", "Connection aborted",
                                         "Connection reset", "IncompleteRead"))


# --- deep-translator calls `requests.get/post` itself; route those calls through _Http ---

_active_http: contextvars.ContextVar[_Http | None] = contextvars.ContextVar(
    "builder_translate_http", default=None)


class _RequestsStandIn:
    """Takes the place of `requests` inside deep-translator's engine modules."""

    def __getattr__(self, name: str):
        return getattr(requests, name)  # anything but get/post: the real module

    def get(self, url: str, **kwargs) -> requests.Response:
        """requests.get, through the active engine's session and timeout."""
        return self._request("GET", url, **kwargs)

    def post(self, url: str, **kwargs) -> requests.Response:
        """requests.post, through the active engine's session and timeout."""
        return self._request("POST", url, **kwargs)

    @staticmethod
    def _request(method: str, url: str, **kwargs) -> requests.Response:
        """Use the active engine's _Http; outside our engines, at least add a timeout."""
        http = _active_http.get()
        if http is None:
            kwargs.setdefault("timeout", DEFAULT_TIMEOUT)
            return requests.request(method, url, **kwargs)
        return http.request(method, url, **kwargs)


def _install_stand_in() -> None:
    """Point deep-translator's engine modules at the stand-in (idempotent)."""
    for module in (_dt_google, _dt_libre, _dt_mymemory):
        if not isinstance(module.requests, _RequestsStandIn):
            module.requests = _RequestsStandIn()


_DEEP_TRANSLATOR_ERRORS = tuple(
    value for value in vars(deep_translator_exceptions).values()
    if isinstance(value, type) and issubclass(value, Exception))
# What deep-translator raises when an answer is not shaped as it expects.
_PARSE_ERRORS = (ValueError, KeyError, TypeError, AttributeError, IndexError, StopIteration)


# --- backends: one request each; the Engine adds retries, rate limit and counting ---

class _DeepTranslatorBackend:
    """libre, google or mymemory through deep-translator: one text per request."""

    per_request = 1

    def __init__(self, name: str, http: _Http, make: Callable[[str, str], object]):
        self.name = name
        self.http = http
        self._make = make
        self._translators: dict[tuple[str, str], object] = {}

    def send(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        """Translate the one text of `texts`."""
        (text,) = texts
        translator = self._translator(source, target)
        token = _active_http.set(self.http)
        try:
            answer = translator.translate(text)
        except TranslationError:
            raise
        except deep_translator_exceptions.NotValidLength as error:
            raise EngineRejected(f"the text is too long for {self.name} ({error.message}); "
                                 "shorten the segment or use another engine") from error
        except _DEEP_TRANSLATOR_ERRORS + _PARSE_ERRORS as error:
            raise EngineBadResponse(f"unreadable answer from {self.name} "
                                    f"({type(error).__name__}: {error})") from error
        finally:
            _active_http.reset(token)
        return [_checked_answer(self.name, answer)]

    def _translator(self, source: str, target: str):
        """The deep-translator object for a language pair, made once."""
        key = (source, target)
        if key not in self._translators:
            try:
                self._translators[key] = self._make(source, target)
            except _DEEP_TRANSLATOR_ERRORS as error:
                raise EngineConfigError(f"{self.name} cannot translate {source} -> "
                                        f"{target}: {error}") from error
        return self._translators[key]


def _checked_answer(engine: str, answer: object) -> str:
    """The translated text, or EngineBadResponse/EngineRateLimited if it is none."""
    if not isinstance(answer, str) or not answer.strip():
        raise EngineBadResponse(f"{engine} answered without a translation ({answer!r})")
    if engine == "mymemory" and answer.startswith("MYMEMORY WARNING"):
        raise EngineRateLimited(f"mymemory's daily quota is used up: {answer[:160]}")
    if engine == "mymemory" and answer.startswith("QUERY LENGTH LIMIT EXCEEDED"):
        raise EngineRejected("the text is too long for mymemory (500 characters at most)")
    return answer


class _DeeplClient(deepl.http_client.HttpClient):
    """deepl's HTTP client, making one attempt through our _Http instead of its own."""

    def __init__(self, http: _Http):
        super().__init__(send_platform_info=False)
        self.http = http

    def request_with_backoff(self, method, url, data, json, headers, stream=False, **kwargs):
        """One request with our timeout and errors; the Engine does the retrying."""
        response = self.http.request(method, url, data=data or None, json=json,
                                     headers=headers, **kwargs)
        response.encoding = "UTF-8"
        return response.status_code, response.text

    def close(self) -> None:
        """Close both sessions."""
        super().close()
        self.http.close()


class _DeeplBackend:
    """DeepL through the official package: up to 50 texts per request."""

    name = "deepl"
    per_request = 50

    def __init__(self, http: _Http, key: str, url: str | None):
        self.http = http
        self._translator = deepl.Translator(key, server_url=url, send_platform_info=False)
        self._translator._client.close()
        self._translator._client = _DeeplClient(http)  # pinned deepl==1.32.0

    def send(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        """Translate `texts` in one request."""
        try:
            results = self._translator.translate_text(
                list(texts), source_lang=source.upper(),
                target_lang=DEEPL_TARGETS.get(target, target.upper()))
        except TranslationError:
            raise
        except deepl.DeepLException as error:
            raise EngineRejected(f"deepl refused the request: {error}") from error
        except _PARSE_ERRORS as error:
            raise EngineBadResponse(f"unreadable answer from deepl "
                                    f"({type(error).__name__}: {error})") from error
        results = results if isinstance(results, list) else [results]
        if len(results) != len(texts):
            raise EngineBadResponse(f"unreadable answer from deepl: {len(results)} "
                                    f"translations for {len(texts)} texts")
        return [_checked_answer(self.name, result.text) for result in results]


def _libre(http: _Http, url: str | None, key: str | None) -> _DeepTranslatorBackend:
    """LibreTranslate at `url` (default: a local server)."""
    base = _base_url(url or DEFAULT_LIBRE_URL, "libre")
    # deep-translator insists on a key; servers without keys ignore this placeholder.
    return _DeepTranslatorBackend("libre", http, lambda source, target: LibreTranslator(
        source=source, target=target, api_key=key or "none", custom_url=base))


def _google(http: _Http, url: str | None, key: str | None) -> _DeepTranslatorBackend:
    """Google Translate's web page, scraped by deep-translator (no key)."""
    def make(source: str, target: str) -> GoogleTranslator:
        translator = GoogleTranslator(source=source, target=target)
        if url:
            translator._base_url = _base_url(url, "google", slash=False)
        return translator
    return _DeepTranslatorBackend("google", http, make)


def _mymemory(http: _Http, url: str | None, key: str | None) -> _DeepTranslatorBackend:
    """MyMemory's free API; `key`, if given, is the e-mail address for a larger quota."""
    def make(source: str, target: str) -> MyMemoryTranslator:
        translator = MyMemoryTranslator(source=_mymemory_code(source),
                                        target=_mymemory_code(target), email=key)
        if url:
            translator._base_url = _base_url(url, "mymemory", slash=False)
        return translator
    return _DeepTranslatorBackend("mymemory", http, make)


def _deepl(http: _Http, url: str | None, key: str | None) -> _DeeplBackend:
    """DeepL's API; needs a key."""
    if not key:
        raise EngineConfigError("deepl needs an API key: put it in an environment variable "
                                "and name that with --key-env")
    return _DeeplBackend(http, key, _base_url(url, "deepl") if url else None)


_BACKENDS: dict[str, Callable[[_Http, str | None, str | None], _Backend]] = {
    "libre": _libre, "google": _google, "mymemory": _mymemory, "deepl": _deepl}


def _base_url(url: str, engine: str, slash: bool = True) -> str:
    """Check an engine URL; with `slash`, make it end in "/" as deep-translator needs."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EngineConfigError(f"{engine}: {url!r} is not an http(s) URL; pass e.g. "
                                "--url http://localhost:5000/")
    return url if not slash or url.endswith("/") else url + "/"


def _mymemory_code(language: str) -> str:
    """MyMemory's locale for a bare language code ("de" -> "de-DE")."""
    codes = MY_MEMORY_LANGUAGES_TO_CODES
    if language in codes.values():
        return language
    for name, code in codes.items():
        if " " not in name and code.split("-")[0] == language:
            return code
    return language  # deep-translator will say it is unsupported


# --- the adapter ---

class _Backend(Protocol):
    """What an engine's backend offers: one request for up to `per_request` texts."""

    name: str
    per_request: int
    http: _Http

    def send(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        """Translate `texts` in one request; raise a TranslationError on failure."""


class Engine:
    """A translation service behind timeouts, bounded retries, a rate limit and counters."""

    def __init__(self, name: str, backend: _Backend, *, retries: int = 3, backoff: float = 1.0,
                 max_wait: float = 60.0, rate: float | None = None, give_up_after: int = 5,
                 time_limit: float | None = None,
                 on_retry: Callable[[TranslationError, int, float], None] | None = None):
        self.name = name
        self.requests = 0  # HTTP requests sent, retries included
        self.characters = 0  # characters of source text sent, retries included
        self._backend = backend
        self._retries = retries
        self._backoff = backoff
        self._max_wait = max_wait
        self._interval = 1 / rate if rate and math.isfinite(rate) else 0.0
        self._give_up_after = give_up_after
        self._next_slot = 0.0
        self._failures_in_row = 0
        self._time_limit = time_limit
        self._deadline = math.inf if time_limit is None else time.monotonic() + time_limit
        self._on_retry = on_retry  # told (error, attempt about to start, delay) before a retry

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        """Release the engine's connections."""
        self._backend.http.close()

    def translate(self, text: str, source: str, target: str, label: str | None = None) -> str:
        """Translate one text; raises a TranslationError naming `label`."""
        (result,) = self.translate_batch([text], source, target, [label])
        if isinstance(result, TranslationError):
            raise result
        return result

    def translate_batch(self, texts: Sequence[str], source: str, target: str,
                        labels: Sequence[str | None] | None = None,
                        ) -> list[str | TranslationError]:
        """Translate `texts` in order: a text or its error each; a fatal error ends all."""
        labels = list(labels) if labels is not None else [None] * len(texts)
        results: list[str | TranslationError] = []
        step = self._backend.per_request
        for start in range(0, len(texts), step):
            chunk, chunk_labels = texts[start:start + step], labels[start:start + step]
            try:
                results.extend(self._send(chunk, source, target))
                self._failures_in_row = 0
            except TranslationError as error:
                error = self._count_failure(error)
                results.extend(error.for_segment(label) for label in chunk_labels)
                if error.fatal:
                    results.extend(error.for_segment(label) for label in labels[len(results):])
                    break
        return results

    def _send(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        """One request, repeated while the failure is worth retrying."""
        attempt = 0
        while True:
            self._wait_for_slot()
            self._backend.http.remaining = self._time_left()
            self.requests += 1
            self.characters += sum(len(text) for text in texts)
            try:
                return self._backend.send(texts, source, target)
            except TranslationError as error:
                failure, delay = error, self._retry_delay(error, attempt)
            if delay is None:
                raise self._final(failure, attempt + 1)
            if self._on_retry is not None:
                self._on_retry(failure, attempt + 2, delay)
            time.sleep(min(delay, max(self._deadline - time.monotonic(), 0.0)))
            attempt += 1

    def _time_left(self) -> float:
        """Seconds left of the run's time limit; raises EngineOutOfTime when none are."""
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise EngineOutOfTime(f"the time limit of {self._time_limit:g} s for this run is used "
                                  "up (--time-limit)")
        return left

    def _retry_delay(self, error: TranslationError, attempt: int) -> float | None:
        """Seconds to wait before the next attempt, or None to give up."""
        if not error.retry or attempt >= self._retries:
            return None
        if self._deadline - time.monotonic() <= 0:
            return None
        if error.retry_after is not None:
            return error.retry_after if error.retry_after <= self._max_wait else None
        return self._backoff * 2 ** attempt

    def _final(self, error: TranslationError, attempts: int) -> TranslationError:
        """The error to report once retrying stops, saying why it stopped."""
        if error.retry_after is not None and error.retry_after > self._max_wait:
            error.reason += (f"; the service asks to wait {error.retry_after:g} s, more "
                             f"than {self._max_wait:g} s: run again later")
        elif error.retry and attempts > 1:
            error.reason += f" (tried {attempts} times)"
        return error

    def _count_failure(self, error: TranslationError) -> TranslationError:
        """Track failures in a row; too many turn into EngineGaveUp."""
        self._failures_in_row += 1
        if error.fatal or self._failures_in_row < self._give_up_after:
            return error
        return EngineGaveUp(f"{self._failures_in_row} requests in a row failed, the last "
                            f"with: {error.reason}. Check the service and run again; "
                            "finished entries are kept")

    def _wait_for_slot(self) -> None:
        """Sleep as long as the rate limit requires before the next request."""
        now = time.monotonic()
        if now < self._next_slot:
            time.sleep(self._next_slot - now)
            now = self._next_slot
        self._next_slot = now + self._interval


def make_engine(name: str, url: str | None = None, key: str | None = None,
                timeout: float = DEFAULT_TIMEOUT, *, retries: int = 3, backoff: float = 1.0,
                max_wait: float = 60.0, rate: float | None = None,
                give_up_after: int = 5, time_limit: float | None = DEFAULT_TIME_LIMIT,
                on_retry: Callable[[TranslationError, int, float], None] | None = None) -> Engine:
    """The engine `name` (libre|google|mymemory|deepl); rate None means its default, a
    time_limit of None no limit on the whole run."""
    if name not in _BACKENDS:
        raise EngineConfigError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")
    for option, seconds in (("timeout", timeout), ("time limit", time_limit)):
        if seconds is not None and not (seconds > 0 and math.isfinite(seconds)):
            raise EngineConfigError(f"the {option} must be a positive number of seconds, not {seconds}")
    _install_stand_in()
    http = _Http(name, timeout)
    backend = _BACKENDS[name](http, url, key)
    return Engine(name, backend, retries=retries, backoff=backoff, max_wait=max_wait,
                  rate=DEFAULT_RATES[name] if rate is None else rate,
                  give_up_after=give_up_after, time_limit=time_limit, on_retry=on_retry)


# --- filling a catalog ---

@dataclass(frozen=True)
class Summary:
    """What `fill_missing` did; `stopped` says why it ended early, if it did."""

    filled: int  # entries filled by the engine
    reused: int  # entries filled from identical sources in the catalog, without sending
    failed: tuple[tuple[str, str], ...]  # (segment id, message)
    characters: int  # characters sent, retries included
    requests: int  # HTTP requests made, retries included
    stopped: TranslationError | None = None  # a fatal error: the rest stays missing


def fill_missing(catalog: Catalog, engine: Engine, source_language: str,
                 target_language: str, *, batch_size: int = 20,
                 on_progress: Callable[[int, int], None] | None = None,
                 today: str | None = None) -> Summary:
    """Translate the catalog's missing entries, saving after each batch."""
    _check_languages(catalog, source_language, target_language)
    if batch_size < 1:
        raise EngineConfigError(f"batch size must be at least 1, not {batch_size}")
    date = today or datetime.date.today().isoformat()
    reused = _reuse_memory(catalog, date)
    catalog.save()
    groups = _group_by_source(catalog.missing(source_language))
    sources = list(groups)
    requests_before, characters_before = engine.requests, engine.characters
    filled, failed, stopped = 0, [], None
    for start in range(0, len(sources), batch_size):
        batch = sources[start:start + batch_size]
        results = engine.translate_batch(batch, source_language, target_language,
                                         [groups[source][0] for source in batch])
        done, errors, stopped = _apply(catalog, engine.name, date, groups, batch, results)
        filled += done
        failed.extend(errors)
        catalog.save()
        if on_progress is not None:
            on_progress(start + len(batch), len(sources))
        if stopped is not None:
            break
    return Summary(filled, reused, tuple(failed), engine.characters - characters_before,
                   engine.requests - requests_before, stopped)


def _check_languages(catalog: Catalog, source: str, target: str) -> None:
    """The target must be the catalog's language; the source one its entries are written in."""
    if target != catalog.language or source == target:
        raise EngineConfigError(
            f"{catalog.path} translates {catalog.source_language} -> {catalog.language}, "
            f"not {source} -> {target}; load the catalog of the target language")


def _reuse_memory(catalog: Catalog, date: str) -> int:
    """Fill missing entries whose source is translated elsewhere in the catalog."""
    found = [(sid, catalog.memory(source)) for sid, source in catalog.missing()]
    return sum(catalog.set_machine(sid, translation.text, MEMORY_ENGINE, date)
               for sid, translation in found if translation is not None and translation.text is not None)


def _group_by_source(missing: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Segment ids by source text, in catalog order: each text is sent once."""
    groups: dict[str, list[str]] = {}
    for segment_id, source in missing:
        groups.setdefault(source, []).append(segment_id)
    return groups


def _apply(catalog: Catalog, engine: str, date: str, groups: dict[str, list[str]],
           batch: list[str], results: list[str | TranslationError],
           ) -> tuple[int, list[tuple[str, str]], TranslationError | None]:
    """Store a batch's results: (entries filled, failures, fatal error or None)."""
    filled, failed = 0, list[tuple[str, str]]()
    for source, result in zip(batch, results, strict=True):
        if isinstance(result, TranslationError):
            if result.fatal:
                return filled, failed, result
            failed.extend((sid, str(result.for_segment(sid))) for sid in groups[source])
            continue
        for segment_id in groups[source]:
            if catalog.set_machine(segment_id, result, engine, date):
                filled += 1
            else:
                problem = catalog.machine_problem(segment_id, result)
                failed.append((segment_id, f"{segment_id}: refused, {problem}; left untranslated"))
    return filled, failed, None
