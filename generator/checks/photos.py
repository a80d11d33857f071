"""Photos no record shows: not published, and the clerk is told so (perhaps a typo in a name)."""
from __future__ import annotations

from datetime import date

from generator.load.dataset import Community
from generator.problems import WARNING, Problem, display_path, messages
from generator.views.photos import shown_photos

messages.add({
    "photo-unreferenced": (
        "没有哪条记录用到这张照片，它不会被发布：如要发布，请在对应活动的 photos 里写上它的文件名；不需要就删除它。",
        "no record shows this photo, so it is not published: list it under an activity's photos, or delete it.",
    ),
})


def check(community: Community, today: date) -> list[Problem]:
    folder = community.root / "photos"
    if not folder.is_dir():
        return []
    used = shown_photos(community, "members")
    return [Problem("photo-unreferenced", display_path(path), 0, 0, severity=WARNING)
            for path in sorted(folder.iterdir())
            if path.is_file() and not path.name.startswith(".") and path.name not in used]
