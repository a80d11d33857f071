"""partners.yml: co-building (共驻共建) units and their agreements."""
from __future__ import annotations

from generator.records.base import Audience, Date, Id, ListOf, OptText, Record, Text


class Agreement(Record):
    signed: Date
    """签订日期：如 2024-03-01。"""
    until: Date | None = None
    """有效期至：如 2027-02-28。"""
    content: OptText = None
    """共建内容：双方约定做什么。"""


class Partner(Record):
    id: Id
    """编号：如 pt-yiyuan。"""
    name: Text
    """单位名称：如“区人民医院党委”。"""
    kind: Text
    """单位类别：如 机关、企业、学校、医院、社会组织。"""
    agreement: Agreement | None = None
    """共建协议：签订日期、有效期、内容。"""
    paired_unit: Id | None = None
    """结对组织：本社区结对的组织编号。"""
    contact: OptText = None
    """联系方式：对方单位的办公电话。"""
    audience: Audience = "public"
    """公开范围：public 或 members。"""


class PartnersFile(Record):
    partners: ListOf[Partner]
    """共建单位：每个一项。"""
