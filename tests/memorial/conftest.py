import pytest

from tests.memorial.factories import MemorialPageFactory


@pytest.fixture
def memorial(home):
    return MemorialPageFactory(parent=home)
