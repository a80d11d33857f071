"""Records of 网格 and 双报到服务 for a copy of the tiny community (tests/fixtures/tiny stays as it is:
the golden pages depend on it). Line numbers in the tests count from these texts."""
from __future__ import annotations

from pathlib import Path

TINY_COMMUNITY = Path(__file__).parent / "fixtures" / "tiny" / "communities" / "xiaoyuan"

GRIDS = """grids:
  - id: g1
    name: 第一网格
    area: ["1号楼", "2号楼1-3单元"]
    members: [m002, m003]
    posts: [p-wgz, p-xunluo]
    duties: 走访楼栋、收集居民诉求
  - id: g2
    name: 第二网格
    area: ["2号楼4-6单元", "10号楼"]
    members: [m004]
    posts: [p-ldz]
    duties: 排查楼道安全隐患
    phone: "010-62001236"
  - id: g3
    name: 党内联络网格
    area: ["3号楼"]
    audience: members
"""

SERVICE = """services:
  - id: s2026-01
    member: m005
    date: 2026-03-07
    hours: "2.5"
    what: 为独居老人测量血压
  - id: s2026-02
    member: m004
    date: 2026-04-11
    hours: "1.0"
    what: 辅导四点半课堂作业
    need: 项目清单：四点半课堂
  - id: s2026-03
    member: m005
    date: 2026-06-20
    hours: "3.5"
    what: 清理楼道堆物
    workplace: 示例区教育局
  - id: s2026-04
    member: m004
    date: 2026-07-04
    hours: "0.5"
    what: 筹备党内组织生活会
    audience: members
"""

# A second 在职报到 member, who holds no post (so the public site masks the name: 赵*国), and the
# grid posts; 陈志远 becomes 网格长 and 王海涛 楼栋长.
NEW_MEMBER = """  - id: m005
    name: 赵建国
    unit: zb
    category: 在职报到
    workplace: 示例区第二中学
"""
GRID_POSTS = """  - id: p-wgz
    name: 网格长
    unit: zb
  - id: p-ldz
    name: 楼栋长
    unit: zb
"""


def members_text() -> str:
    text = (TINY_COMMUNITY / "members.yml").read_text(encoding="utf-8")
    text = text.replace("    name: 陈志远\n    unit: zb\n", "    name: 陈志远\n    unit: zb\n    posts: [p-wgz]\n", 1)
    text = text.replace("    category: 在职报到\n    workplace: 示例区人民医院\n",
                        "    category: 在职报到\n    workplace: 示例区人民医院\n    posts: [p-ldz]\n", 1)
    return text + NEW_MEMBER


def organization_text() -> str:
    return (TINY_COMMUNITY / "organization.yml").read_text(encoding="utf-8") + GRID_POSTS


def files(**changed: str) -> dict[str, str]:
    """The files to write over the tiny community: grids, service, roster and posts (or changed ones)."""
    return {"grids.yml": GRIDS, "service/2026.yml": SERVICE, "members.yml": members_text(),
            "organization.yml": organization_text(), **changed}
