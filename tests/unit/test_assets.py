"""Theme assets: imports inlined, names that change with the bytes."""

from __future__ import annotations

from press_room.assets import build_assets, hashed_name


def test_css_imports_are_inlined_in_order(tmp_path):
    (tmp_path / "css" / "components").mkdir(parents=True)
    (tmp_path / "css" / "main.css").write_text('@import "a.css";\n@import "components/b.css";\n')
    (tmp_path / "css" / "a.css").write_text(".a { color: red; }\n")
    (tmp_path / "css" / "components" / "b.css").write_text(".b { color: blue; }\n")
    assets = build_assets(str(tmp_path), ["css/main.css"])
    path, data = assets["css/main.css"]
    assert data.decode() == ".a { color: red; }\n.b { color: blue; }\n"
    assert path.startswith("theme/css/main.") and path.endswith(".css")


def test_name_changes_with_content():
    assert hashed_name("css/main.css", b"a") != hashed_name("css/main.css", b"b")
    assert hashed_name("css/main.css", b"a") == hashed_name("css/main.css", b"a")
