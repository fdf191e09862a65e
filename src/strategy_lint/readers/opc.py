"""A bounded, lazy view of a .docx package (Open Packaging Conventions) for the reader.

python-docx's ``Package.open`` unpacks and parses every part it can reach before the
reader sees any: forty unreferenced 10 MB header parts in a 400 KB file took 6.6 GB.
Here a part is unpacked only when the reader asks for it (the styles, the body, then the
headers and footers the sections actually show), and while it is unpacked:

- the bytes actually produced are counted, per part (``max_part_bytes``) and for the
  whole file (``max_expanded_bytes``): a zip that lies about its sizes is stopped by
  what it really expands to, not trusted for what it declares;
- the elements it can hold are counted before lxml builds them (every element needs a
  ``<``), across the whole file (``max_xml_elements``): an element costs lxml ~100-200
  bytes however little XML it took.

XML parts are parsed with python-docx's own parser (same element classes, same blank-text
handling) or, for parts python-docx keeps as bytes, the reader's safe parser, exactly as
before, so the document model does not change.  Neither resolves entities or the network.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import ReadError
from .base import MB, ReadOptions

RT_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CHUNK = 1024 * 1024


class _Budget:
    """What the whole file may still expand to, in bytes and in XML elements."""

    def __init__(self, options: ReadOptions) -> None:
        self.options = options
        self.bytes = options.max_expanded_bytes
        self.elements = options.max_xml_elements

    def spend_elements(self, blob: bytes) -> None:
        self.elements -= blob.count(b"<")
        if self.elements < 0:
            raise ReadError(
                "too-complex",
                f"the .docx file holds more than {self.options.max_xml_elements:,} XML elements, far more "
                "than any record: check it is the right file, or save a new copy from Word",
            )


class Rel:
    """One relationship: its type and, unless external, the part it points at."""

    def __init__(self, package: Package, reltype: str, target: str, external: bool) -> None:
        self._package = package
        self.reltype = reltype
        self.target_ref = target
        self.is_external = external

    @property
    def target_part(self) -> Part:
        return self._package.part(self.target_ref)


class Part:
    """One part, unpacked and parsed only on first use."""

    def __init__(self, package: Package, partname: str, content_type: str | None) -> None:
        self.package = package
        self.partname = partname
        self.content_type = content_type
        self._blob: bytes | None = None
        self._element: Any = None
        self._rels: dict[str, Rel] | None = None

    @property
    def blob(self) -> bytes:
        if self._blob is None:
            self._blob = self.package.member(self.partname.lstrip("/"))
        return self._blob

    @property
    def element(self) -> Any:
        """The parsed root element (python-docx's classes where python-docx has them)."""
        if self._element is None:
            blob = self.blob
            self.package.budget.spend_elements(blob)
            self._element = self.package.parse(blob, self.content_type)
            self._blob = None  # parsed: the bytes are not needed again
        return self._element

    @property
    def rels(self) -> dict[str, Rel]:
        if self._rels is None:
            folder, name = posixpath.split(self.partname)
            self._rels = self.package.read_rels(posixpath.join(folder, "_rels", name + ".rels"), folder)
        return self._rels

    @property
    def related_parts(self) -> dict[str, Part]:
        return _RelatedParts(self.rels)

    def __getattr__(self, name: str) -> Any:
        # ``core_properties`` exists only on the core-properties part, as in python-docx.
        if name == "core_properties" and self.content_type == CT_CORE:
            from docx.opc.coreprops import CoreProperties

            return CoreProperties(self.element)
        raise AttributeError(name)


class _RelatedParts(dict):
    """``rId -> Part`` for internal relationships, resolved on lookup."""

    def __init__(self, rels: dict[str, Rel]) -> None:
        super().__init__()
        self._rels = rels

    def get(self, rid: Any, default: Any = None) -> Any:
        rel = self._rels.get(rid) if isinstance(rid, str) else None
        if rel is None or rel.is_external:
            return default
        return rel.target_part


class Package:
    """The zip, its content types and its relationships; parts made on demand."""

    def __init__(self, path: Path, options: ReadOptions, parse: Callable[[bytes, str | None], Any]) -> None:
        self.zip = zipfile.ZipFile(path)
        self.budget = _Budget(options)
        self.parse = parse
        self._parts: dict[str, Part] = {}
        self._defaults, self._overrides = self._content_types()
        self.rels = self.read_rels("_rels/.rels", "/")

    def close(self) -> None:
        self.zip.close()

    @property
    def main_document_part(self) -> Part:
        for rel in self.rels.values():
            if rel.reltype == RT_OFFICE_DOCUMENT and not rel.is_external:
                return rel.target_part
        raise KeyError("no main document part")

    def part(self, partname: str) -> Part:
        partname = partname if partname.startswith("/") else "/" + partname
        if partname not in self._parts:
            self._parts[partname] = Part(self, partname, self._content_type(partname))
        return self._parts[partname]

    def member(self, name: str) -> bytes:
        """The bytes of one zip member, counted while they are unpacked."""
        limit = min(self.budget.options.max_part_bytes, self.budget.bytes)
        chunks, size = [], 0
        with self.zip.open(name) as fh:
            while True:
                chunk = fh.read(CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    raise self._too_large()
                chunks.append(chunk)
        self.budget.bytes -= size
        return b"".join(chunks)

    def _too_large(self) -> ReadError:
        options = self.budget.options
        return ReadError(
            "too-large-expanded",
            f"the .docx file expands to more than it safely can when unpacked (a part over "
            f"{options.max_part_bytes / MB:.0f} MB, or the whole over the {options.max_expanded_bytes / MB:.0f} MB "
            "max-expanded-mb limit): check it is the right file, or save a new copy from Word",
        )

    def read_rels(self, member: str, base: str) -> dict[str, Rel]:
        try:
            blob = self.member(member.lstrip("/"))
        except KeyError:
            return {}
        self.budget.spend_elements(blob)
        root = self.parse(blob, None)
        rels: dict[str, Rel] = {}
        for el in root.iter(f"{REL_NS}Relationship"):
            rid, reltype, target = el.get("Id"), el.get("Type"), el.get("Target")
            if not rid or not reltype or target is None:
                continue
            external = el.get("TargetMode") == "External"
            if not external:
                target = target if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
            rels[rid] = Rel(self, reltype, target, external)
        return rels

    def _content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        blob = self.member("[Content_Types].xml")
        self.budget.spend_elements(blob)
        root = self.parse(blob, None)
        defaults = {
            (el.get("Extension") or "").lower(): el.get("ContentType") or "" for el in root.iter(f"{CT_NS}Default")
        }
        overrides = {
            (el.get("PartName") or "").lower(): el.get("ContentType") or "" for el in root.iter(f"{CT_NS}Override")
        }
        return defaults, overrides

    def _content_type(self, partname: str) -> str | None:
        found = self._overrides.get(partname.lower())
        if found is None:
            found = self._defaults.get(posixpath.splitext(partname)[1].lstrip(".").lower())
        return found
